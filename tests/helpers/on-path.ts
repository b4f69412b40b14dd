import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The full path of a command on PATH, or null: tests that need a tool skip, saying which, where it is absent. */
export function onPath(command: string): string | null {
	for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
		try {
			accessSync(join(dir, command), constants.X_OK);
			return join(dir, command);
		} catch {
			// not in this directory
		}
	}
	return null;
}
