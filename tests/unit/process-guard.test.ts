import { describe, expect, it } from 'vitest';
import { isDriverSocketRace } from '../../src/lib/server/web/process-guard';

function errorAt(message: string, frame: string): TypeError {
	const e = new TypeError(message);
	e.stack = `TypeError: ${message}\n    at ${frame}`;
	return e;
}

describe('the process guard', () => {
	it('recognises the driver’s write on a socket already gone, and nothing else', () => {
		expect(
			isDriverSocketRace(
				errorAt(
					"Cannot read properties of null (reading 'write')",
					'nextWrite (/app/node_modules/postgres/cjs/src/connection.js:255:22)'
				)
			)
		).toBe(true);
		expect(
			isDriverSocketRace(
				errorAt(
					"Cannot read properties of null (reading 'write')",
					'nextWrite (/app/node_modules/postgres/src/connection.js:255:22)'
				)
			)
		).toBe(true);
		// The same message elsewhere is our bug, not the driver's race.
		expect(
			isDriverSocketRace(
				errorAt(
					"Cannot read properties of null (reading 'write')",
					'save (/app/build/server/chunks/documents.js:10:1)'
				)
			)
		).toBe(false);
		expect(isDriverSocketRace(new Error("Cannot read properties of null (reading 'write')"))).toBe(
			false
		);
		expect(
			isDriverSocketRace(
				errorAt('x is not a function', 'f (/app/node_modules/postgres/cjs/src/connection.js:1:1)')
			)
		).toBe(false);
	});
});
