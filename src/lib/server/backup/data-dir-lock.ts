import { chmodSync, rmSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * PGlite takes no lock on its directory: two processes on one DATA_DIR both run without an error,
 * each sees only its own writes, and afterwards the directory does not open at all. So every
 * process that opens a DATA_DIR listens on a Unix socket beside it (`data` → `data.sock`; inside
 * the directory it would break PGlite's own dump). A socket that answers means the directory is
 * in use; a socket file nobody answers on is what a killed process left, and is taken over.
 * The same socket hands a consistent copy of the database to `npm run backup`.
 */
export const socketPathOf = (dataDir: string) => {
	const absolute = `${path.resolve(dataDir)}.sock`;
	const relative = path.relative(process.cwd(), absolute);
	// A socket path is limited to about a hundred bytes; the shorter spelling of the same file.
	const chosen = relative.length < absolute.length ? relative : absolute;
	if (Buffer.byteLength(chosen) > 100)
		throw new Error(
			`Путь к DATA_DIR слишком длинный для файла ${absolute}: выберите каталог с путём короче 90 символов.`
		);
	return chosen;
};

export class DataDirBusyError extends Error {
	constructor(dataDir: string) {
		super(
			`DATA_DIR ${path.resolve(dataDir)} уже открыт другим процессом «Регламента» (приложение, admin:create или резервное копирование): два процесса на одном каталоге портят базу. Остановите тот процесс.`
		);
	}
}

export interface DataDirClaim {
	release(): Promise<void>;
}

const DUMP_REQUEST = 'dump\n';

/** Marks the directory as in use by this process; `dump` answers backup requests. */
export async function claimDataDir(
	dataDir: string,
	dump: () => Promise<Uint8Array>
): Promise<DataDirClaim> {
	const file = socketPathOf(dataDir);
	const server = net.createServer((socket) => answer(socket, dump));
	try {
		await listen(server, file);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw e;
		if (await dataDirInUse(dataDir)) throw new DataDirBusyError(dataDir);
		rmSync(file, { force: true });
		await listen(server, file);
	}
	// Whoever may connect receives the whole database: the owner only.
	chmodSync(file, 0o600);
	server.unref();
	return { release: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function listen(server: net.Server, file: string): Promise<void> {
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(file, () => {
			server.off('error', reject);
			resolve();
		});
	});
}

function answer(socket: net.Socket, dump: () => Promise<Uint8Array>) {
	let asked = '';
	socket.on('error', () => {});
	socket.on('data', async (chunk) => {
		asked += chunk.toString('latin1');
		if (asked.length < DUMP_REQUEST.length) return;
		socket.removeAllListeners('data');
		if (asked !== DUMP_REQUEST) return void socket.destroy();
		try {
			const bytes = await dump();
			socket.write(`ok ${bytes.byteLength}\n`);
			socket.end(bytes);
		} catch (e) {
			socket.end(`error ${String((e as Error).message ?? e).split('\n')[0]}\n`);
		}
	});
}

/** Whether a live process answers on the directory's socket. */
export function dataDirInUse(dataDir: string): Promise<boolean> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(socketPathOf(dataDir));
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', (e) => (nobodyThere(e) ? resolve(false) : reject(e)));
	});
}

// Only these mean that no process listens; any other failure (a socket of another user) is not «free».
const nobodyThere = (e: NodeJS.ErrnoException) => e.code === 'ECONNREFUSED' || e.code === 'ENOENT';

/**
 * A copy of the database from the process that has the directory open, or null when none does.
 * The reply is `ok <bytes>` and the tarball, or `error <message>`; a short read is an error.
 */
export function requestDump(dataDir: string): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(socketPathOf(dataDir));
		const chunks: Buffer[] = [];
		let connected = false;
		socket.once('connect', () => {
			connected = true;
			socket.write(DUMP_REQUEST);
		});
		socket.on('data', (chunk) => chunks.push(chunk));
		socket.once('error', (e) => (!connected && nobodyThere(e) ? resolve(null) : reject(e)));
		socket.once('end', () => {
			const reply = Buffer.concat(chunks);
			const newline = reply.indexOf(10);
			const head = reply.subarray(0, newline).toString('utf8');
			const body = reply.subarray(newline + 1);
			if (head.startsWith('ok ') && Number(head.slice(3)) === body.byteLength) return resolve(body);
			reject(
				new Error(
					head.startsWith('error ')
						? head.slice(6)
						: 'работающее приложение прервало передачу копии'
				)
			);
		});
	});
}
