// Serves the built app. Without ORIGIN, adapter-node assumes https and refuses form posts
// made over plain http; a local run is http://localhost:PORT unless told otherwise.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

const HEAP_FLAG = '--max-old-space-size';
// V8 sizes its heap from the machine's memory (about 4 GB here) and collects lazily until near it,
// so an idle-then-busy server keeps hundreds of MB it no longer uses. The limit is the JS heap
// alone: uploads and built archives live in buffers outside it. HEAP_LIMIT_MB=0 leaves V8's default.
const heapLimit = process.env.HEAP_LIMIT_MB ?? '384';
if (!/^\d+$/.test(heapLimit)) {
	console.error(`HEAP_LIMIT_MB должен быть числом мегабайт, а не «${heapLimit}» / HEAP_LIMIT_MB must be a number of megabytes`);
	process.exit(1);
}
const limited = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)].some((a) => a.startsWith(HEAP_FLAG));

if (!limited && heapLimit !== '0') {
	// The flag must be given when V8 starts: run this script again in a process that has it, and pass
	// the supervisor's signals on, so stopping the parent stops the server the same way.
	const child = spawn(process.execPath, [...process.execArgv, `${HEAP_FLAG}=${heapLimit}`, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
		stdio: 'inherit'
	});
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2']) process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 1)));
} else {
	process.env.PORT ??= '3000';
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
	// Uploads may be up to 20 MB (scans of signed documents); adapter-node's default is 512 KB.
	process.env.BODY_SIZE_LIMIT ??= '25M';
	// On SIGTERM the server stops taking requests, lets the running ones finish, and after this many
	// seconds cuts what is left (adapter-node's default is 30): a supervisor's restart is not held up.
	process.env.SHUTDOWN_TIMEOUT ??= '5';
	await import('../build/index.js');
}
