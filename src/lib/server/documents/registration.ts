import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { documents, registrationCounters, type DocumentRow, type Organization } from '../db/schema';
import { validate, ValidationError } from '../forms/errors';
import { formatDate, todayIn } from '../../format';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** What the director gives when an order is registered: the series, the date, and a number only when it was given on paper. */
const orderRegistrationInput = z.object({
	series: z.string().trim(),
	orderNumber: z.string().trim().max(50, { message: 'Номер не длиннее 50 символов.' }),
	orderDate: z.string().regex(ISO, { message: 'Укажите дату приказа.' })
});

export interface OrderRegistration {
	series: string;
	/** A number the order already has (registered on paper); empty: the journal gives the next one. */
	manualNumber: string;
	orderDate: string;
}

export interface RegisteredNumber {
	number: string;
	registrationSeries: string;
	registrationYear: number;
	registrationSeq: number | null;
}

/** The organisation's series, the first being the default («-о» по основной деятельности). */
export const seriesOf = (org: Pick<Organization, 'orderSeries'>) =>
	org.orderSeries.length ? org.orderSeries : [{ suffix: '-о', title: 'по основной деятельности' }];

/** Reads and checks the registration fields of a form: a known series, a date not in the future. */
export function parseOrderRegistration(
	org: Organization,
	raw: Record<string, string>
): OrderRegistration {
	const series = seriesOf(org);
	const parsed = validate(orderRegistrationInput, {
		series: raw.series ?? series[0]!.suffix,
		orderNumber: raw.orderNumber ?? '',
		orderDate: raw.orderDate ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { orderNumber, orderDate } = parsed.value;
	if (!series.some((s) => s.suffix === parsed.value.series))
		throw new ValidationError({ series: 'Выберите серию журнала регистрации приказов.' });
	if (orderDate > todayIn(org.timeZone))
		throw new ValidationError({ orderDate: 'Приказ не может быть датирован будущим днём.' });
	return { series: parsed.value.series, manualNumber: orderNumber.replace(/^№\s*/, ''), orderDate };
}

/**
 * Gives an order its place in the registration journal, in the caller's transaction. The journal's
 * counter per series and calendar year is taken with one upsert, which locks its row until the
 * transaction ends: two orders registered at once get consecutive numbers, and an order whose
 * transaction fails returns its number, so the journal has no gaps. A number given by hand (an order
 * signed on paper) must be free in that year; the counter moves past it.
 */
export async function registerOrderNumber(
	tx: Database,
	org: Organization,
	reg: OrderRegistration
): Promise<RegisteredNumber> {
	const year = Number(reg.orderDate.slice(0, 4));
	// One registration of this organisation and year at a time, so two hands typing the same number cannot both pass the check.
	await tx.execute(
		sql`select pg_advisory_xact_lock(hashtext(${`order-journal:${org.id}:${year}`}))`
	);
	if (reg.manualNumber) {
		const [taken] = await tx
			.select({ title: documents.title, date: documents.documentDate })
			.from(documents)
			.where(
				and(
					eq(documents.organizationId, org.id),
					eq(documents.documentClass, 'order'),
					eq(documents.registrationYear, year),
					eq(documents.number, reg.manualNumber)
				)
			);
		if (taken)
			throw new ValidationError({
				orderNumber: `Номер ${reg.manualNumber} в ${year} году уже занят: «${taken.title}»${taken.date ? ` от ${formatDate(taken.date)}` : ''}. Оставьте поле пустым — журнал даст следующий свободный номер.`
			});
		const seq = reg.manualNumber.endsWith(reg.series)
			? Number(reg.manualNumber.slice(0, -reg.series.length))
			: NaN;
		if (Number.isInteger(seq) && seq > 0)
			await tx
				.insert(registrationCounters)
				.values({ organizationId: org.id, series: reg.series, year, lastSeq: seq })
				.onConflictDoUpdate({
					target: [
						registrationCounters.organizationId,
						registrationCounters.series,
						registrationCounters.year
					],
					set: { lastSeq: sql`greatest(${registrationCounters.lastSeq}, ${seq})` }
				});
		return {
			number: reg.manualNumber,
			registrationSeries: reg.series,
			registrationYear: year,
			registrationSeq: Number.isInteger(seq) && seq > 0 ? seq : null
		};
	}
	const [row] = await tx
		.insert(registrationCounters)
		.values({ organizationId: org.id, series: reg.series, year, lastSeq: 1 })
		.onConflictDoUpdate({
			target: [
				registrationCounters.organizationId,
				registrationCounters.series,
				registrationCounters.year
			],
			set: { lastSeq: sql`${registrationCounters.lastSeq} + 1` }
		})
		.returning({ lastSeq: registrationCounters.lastSeq });
	const seq = row!.lastSeq;
	return {
		number: `${seq}${reg.series}`,
		registrationSeries: reg.series,
		registrationYear: year,
		registrationSeq: seq
	};
}

/** The number the journal would give next, shown in the form as a hint (the real one is taken on registration). */
export async function nextOrderNumber(
	db: Database,
	org: Organization,
	series: string,
	date: string
): Promise<string> {
	const [row] = await db
		.select({ lastSeq: registrationCounters.lastSeq })
		.from(registrationCounters)
		.where(
			and(
				eq(registrationCounters.organizationId, org.id),
				eq(registrationCounters.series, series),
				eq(registrationCounters.year, Number(date.slice(0, 4)))
			)
		);
	return `${(row?.lastSeq ?? 0) + 1}${series}`;
}

/** The orders an act may cite as its approving or repealing order: signed or registered, of this organisation. */
export async function registeredOrders(
	db: Database,
	orgId: string
): Promise<Pick<DocumentRow, 'id' | 'title' | 'number' | 'documentDate'>[]> {
	return db
		.select({
			id: documents.id,
			title: documents.title,
			number: documents.number,
			documentDate: documents.documentDate
		})
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, orgId),
				eq(documents.documentClass, 'order'),
				sql`${documents.status} in ('published', 'registered')`,
				sql`${documents.number} is not null`
			)
		)
		.orderBy(
			sql`${documents.documentDate} desc nulls last`,
			sql`${documents.registrationSeq} desc nulls last`
		);
}
