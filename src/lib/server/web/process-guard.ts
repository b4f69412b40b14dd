/**
 * The last line of defence of the server process. postgres 3.4.x can throw from a timer after
 * its socket is gone when the server restarts under load (porsager/postgres #1154, #1066, #1208:
 * `Cannot read properties of null (reading 'write')` in connection.js). That connection is dead
 * already and the pool opens a new one, so the process logs one line and keeps serving. Any other
 * uncaught error leaves the process in an unknown state: it is logged and the process exits for
 * its supervisor to restart. (The driver's 4.x rewrite changes how dates are bound, which the
 * schema relies on; upgrading is a separate change.)
 */
export function isDriverSocketRace(error: unknown): boolean {
	if (!(error instanceof TypeError)) return false;
	const stack = error.stack ?? '';
	return (
		/reading '(write|end|destroy|setKeepAlive)'/.test(error.message) &&
		/[\\/]postgres[\\/](cjs[\\/])?src[\\/]connection\.js/.test(stack)
	);
}

export function installProcessGuard(
	log: (line: string) => void = (l) => console.error(l),
	exit: (code: number) => void = (c) => process.exit(c)
): void {
	process.on('uncaughtException', (error) => {
		if (isDriverSocketRace(error)) {
			log(
				`PostgreSQL: соединение оборвалось во время записи (${error.message}) — соединение закрыто, работа продолжается.`
			);
			return;
		}
		log(`Необработанная ошибка, процесс завершается: ${error.stack ?? error}`);
		exit(1);
	});
}
