// npm run admin:create -- --email admin@example.ru --name "Иванов Иван Иванович"
// The password comes from ADMIN_PASSWORD, or is asked for (hidden), or read from standard input.
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { configFromEnv, openDatabase, type DatabaseHandle } from '../src/lib/server/db/index';
import { DataDirBusyError } from '../src/lib/server/backup/data-dir-lock';
import { ValidationError } from '../src/lib/server/forms/errors';
import { createAdministrator } from '../src/lib/server/people/users';

const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
if (!values.email || !values.name) {
	console.error('Использование: npm run admin:create -- --email адрес --name "ФИО"');
	process.exit(2);
}

async function askPassword(): Promise<string> {
	if (process.env.ADMIN_PASSWORD) return process.env.ADMIN_PASSWORD;
	const rl = createInterface({
		input: process.stdin,
		output: process.stdout,
		terminal: process.stdin.isTTY
	});
	if (process.stdin.isTTY) {
		process.stdout.write('Пароль (не короче 10 символов): ');
		// Hide what is typed.
		(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
	}
	const line: string = await new Promise((resolve) => rl.once('line', resolve));
	rl.close();
	if (process.stdin.isTTY) process.stdout.write('\n');
	return line;
}

const password = await askPassword();
let handle: DatabaseHandle;
try {
	handle = await openDatabase(configFromEnv());
} catch (e) {
	if (!(e instanceof DataDirBusyError)) throw e;
	console.error(e.message);
	process.exit(1);
}
try {
	const user = await createAdministrator(handle.db, {
		email: values.email,
		fullName: values.name,
		password
	});
	console.log(`Администратор ${user.email} создан (база: ${handle.location}).`);
} catch (e) {
	if (e instanceof ValidationError) {
		console.error(Object.values(e.errors).join('\n'));
		process.exitCode = 1;
	} else throw e;
} finally {
	await handle.close();
}
