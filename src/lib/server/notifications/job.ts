import nodemailer from 'nodemailer';
import type { Database } from '../db';
import { deliverOutbox, runReminders, type Sender } from './reminders';
import { recordMissedOpinionsEverywhere } from '../workflow/councils';
import { takeProgressSnapshot } from '../monitoring/analysis';
import { todayIn } from '../../format';

function smtpSender(url: string): Sender {
	const transport = nodemailer.createTransport(url);
	const from = process.env.MAIL_FROM ?? 'Регламент <no-reply@localhost>';
	return async ({ to, subject, text }) => {
		await transport.sendMail({ from, to, subject, text });
	};
}

/**
 * The reminder job of the running app: every few minutes (REMINDERS_INTERVAL_MINUTES, default 15)
 * write due reminders and send pending mail. Each app process runs it; the database keeps it once.
 */
export function startReminderJob(db: () => Database): () => void {
	const minutes = Number(process.env.REMINDERS_INTERVAL_MINUTES ?? 15);
	if (!(minutes > 0)) return () => {};
	const sender = process.env.SMTP_URL ? smtpSender(process.env.SMTP_URL) : null;
	// The monitoring's daily snapshot: once a day per process; the table's key keeps it once overall.
	let snapshotDay = '';
	const tick = async () => {
		try {
			await runReminders(db());
			await recordMissedOpinionsEverywhere(db());
			const today = todayIn();
			if (snapshotDay !== today) {
				await takeProgressSnapshot(db(), today);
				snapshotDay = today;
			}
			if (sender) await deliverOutbox(db(), sender);
		} catch (e) {
			console.error('Напоминания: ошибка', e);
		}
	};
	const first = setTimeout(tick, 5_000);
	const every = setInterval(tick, minutes * 60_000);
	first.unref();
	every.unref();
	return () => {
		clearTimeout(first);
		clearInterval(every);
	};
}
