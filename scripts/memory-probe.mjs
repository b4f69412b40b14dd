// Preloaded by bench:memory (NODE_OPTIONS=--import): the server's own view of its memory, a JSON line
// a second, so the bench can tell the JS heap from buffers and from the rest (code, WebAssembly).
import { appendFileSync } from 'node:fs';

const log = process.env.MEMORY_PROBE_LOG;
if (log)
	setInterval(
		() =>
			appendFileSync(log, JSON.stringify({ pid: process.pid, ...process.memoryUsage() }) + '\n'),
		1000
	).unref();
