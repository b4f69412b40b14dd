// Serves the built app. Without ORIGIN, adapter-node assumes https and refuses form posts
// made over plain http; a local run is http://localhost:PORT unless told otherwise.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

// V8 sizes its heap from the machine's memory (about 4 GB here) and collects lazily until near it,
// so an idle-then-busy server keeps hundreds of MB it no longer uses. The limit is the JS heap
// alone: uploads and built archives live in buffers outside it. HEAP_LIMIT_MB=0 leaves V8's default.
const heapLimit = process.env.HEAP_LIMIT_MB ?? '384';
if (!/^\d+$/.test(heapLimit)) {
	console.error(
		`HEAP_LIMIT_MB должен быть числом мегабайт, а не «${heapLimit}» / HEAP_LIMIT_MB must be a number of megabytes`
	);
	process.exit(1);
}
const given = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
const has = (flag) => given.some((a) => a.startsWith(flag));
const missing = [
	...(has('--max-old-space-size') || heapLimit === '0'
		? []
		: [`--max-old-space-size=${heapLimit}`]),
	// A search for a long phrase in Cyrillic is six bytes a letter in the address: Node's 16 KB would
	// refuse a 3,000-letter query before the app could say what is wrong with it.
	...(has('--max-http-header-size') ? [] : ['--max-http-header-size=65536'])
];

if (missing.length) {
	// These flags must be given when Node starts: run this script again in a process that has them,
	// and pass the supervisor's signals on, so stopping the parent stops the server the same way.
	// The IPC channel closes when this process dies, however it dies: the server then stops too.
	const child = spawn(
		process.execPath,
		[...process.execArgv, ...missing, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
		{ stdio: ['inherit', 'inherit', 'inherit', 'ipc'] }
	);
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP', 'SIGUSR2'])
		process.on(signal, () => child.kill(signal));
	child.on('exit', (code, signal) =>
		process.exit(code ?? 128 + (signal ? constants.signals[signal] : 1))
	);
} else {
	// Started by serve.mjs above: a killed parent (SIGKILL leaves it no time to pass anything on)
	// must not leave an orphan server holding the port and the database.
	if (process.send) process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
	process.env.PORT ??= '3000';
	process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
	// Uploads may be up to 20 MB (scans of signed documents); adapter-node's default is 512 KB.
	process.env.BODY_SIZE_LIMIT ??= '25M';
	// On SIGTERM the server stops taking requests, lets the running ones finish, and after this many
	// seconds cuts what is left (adapter-node's default is 30): a supervisor's restart is not held up.
	process.env.SHUTDOWN_TIMEOUT ??= '5';
	const { server } = await import('../build/index.js');
	// A published page kept in memory is written straight on the socket, ahead of the app's router.
	const app = server.server.listeners('request');
	server.server.removeAllListeners('request');
	server.server.on('request', (req, res) => {
		if (globalThis[Symbol.for('reglament.serveFromMemory')]?.(req, res)) return;
		for (const listener of app) listener.call(server.server, req, res);
	});
	// What is longer still gets a page that says why, not Node's bare status line.
	server.server.on('clientError', (error, socket) => {
		if (!socket.writable) return void socket.destroy();
		const [status, text] =
			error.code === 'HPE_HEADER_OVERFLOW'
				? [
						'431 Request Header Fields Too Large',
						'Адрес страницы или заголовки запроса слишком длинные. Сократите поисковый запрос и попробуйте снова.'
					]
				: error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
					? ['408 Request Timeout', 'Запрос не пришёл целиком вовремя. Попробуйте ещё раз.']
					: ['400 Bad Request', 'Запрос не читается как HTTP.'];
		const body = `<!doctype html><html lang="ru"><meta charset="utf-8"><title>Регламент</title><h1>${status.slice(0, 3)}</h1><p>${text}</p></html>`;
		socket.end(
			`HTTP/1.1 ${status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`
		);
	});
}
