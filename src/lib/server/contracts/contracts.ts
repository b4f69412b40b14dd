import { and, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import { contracts, documentVersions, documents, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate, type FieldErrors } from '../forms/errors';
import { isValidInn } from '../orgs/inn';
import { parseDate } from '../orgs/validation';
import { isUuid } from '../orgs/queries';
import { checkUpload, type Upload } from '../documents/store-file';
import { insertRecord } from '../documents/register-record';
import { completeItemsByProof } from '../checklists/complete-by-proof';
import { guaranteeKeys, guaranteeLabels, type GuaranteeKey } from '../../contracts/labels';
import { formatDate } from '../../format';
import { contractInForceSql, schoolContract } from '../figures/contract';
import { todayOf } from '../figures/today';

const requiredDate = (missing: string) =>
	z
		.string()
		.trim()
		.transform((v, ctx) => {
			const d = v ? parseDate(v) : null;
			if (!d) {
				ctx.addIssue({ code: 'custom', message: missing });
				return z.NEVER;
			}
			return d;
		});

const contractInput = z
	.object({
		counterparty: z
			.string()
			.trim()
			.min(1, 'Укажите оператора — сторону договора.')
			.max(300, 'Оператор: не больше 300 символов.'),
		counterpartyInn: z
			.string()
			.trim()
			.refine((v) => v === '' || isValidInn(v), { message: 'ИНН неверен: проверьте цифры.' })
			.transform((v) => v || null),
		title: z
			.string()
			.trim()
			.max(500, 'Предмет: не больше 500 символов.')
			.transform((v) => v || 'Договор с оператором информационной системы электронного журнала'),
		number: z
			.string()
			.trim()
			.min(1, 'Укажите номер договора.')
			.max(50, 'Номер: не больше 50 символов.'),
		documentDate: requiredDate('Укажите дату договора: ДД.ММ.ГГГГ.'),
		validUntil: z
			.string()
			.trim()
			.transform((v, ctx) => {
				if (!v) return null;
				const d = parseDate(v);
				if (!d) {
					ctx.addIssue({ code: 'custom', message: 'Срок действия: укажите дату ДД.ММ.ГГГГ.' });
					return z.NEVER;
				}
				return d;
			})
	})
	.superRefine((v, ctx) => {
		if (v.validUntil && v.validUntil < v.documentDate)
			ctx.addIssue({
				code: 'custom',
				path: ['validUntil'],
				message: 'Срок действия не может закончиться раньше даты договора.'
			});
	});

/** Every field as a string, so a crafted request without one gets the Russian message, not a parser's. */
const contractFormValues = (raw: Record<string, string>) =>
	Object.fromEntries(
		['counterparty', 'counterpartyInn', 'title', 'number', 'documentDate', 'validUntil'].map(
			(k) => [k, raw[k] ?? '']
		)
	);

export function guaranteesFrom(raw: Record<string, string>): Record<GuaranteeKey, boolean> {
	return Object.fromEntries(guaranteeKeys.map((k) => [k, raw[`g_${k}`] === 'on'])) as Record<
		GuaranteeKey,
		boolean
	>;
}

export function missingGuarantees(guarantees: Record<string, boolean>): string[] {
	return guaranteeKeys.filter((k) => !guarantees[k]).map((k) => guaranteeLabels[k]);
}

/** Registers the contract with the journal operator: a registered document with its file, and its guarantees. */
export async function createContract(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>,
	upload: Upload | null
) {
	assertCan(actor, 'document.edit', org);
	if (org.kind !== 'school')
		throw new ValidationError({
			form: 'Договор с оператором электронного журнала заключает школа.'
		});
	const errors: FieldErrors = {};
	const parsed = validate(contractInput, contractFormValues(raw));
	if (!parsed.ok) Object.assign(errors, parsed.errors);
	try {
		checkUpload(upload);
	} catch (e) {
		if (!(e instanceof ValidationError)) throw e;
		Object.assign(errors, e.errors);
	}
	if (Object.keys(errors).length || !parsed.ok) throw new ValidationError(errors);
	const input = parsed.value;
	const guarantees = guaranteesFrom(raw);
	return db.transaction(async (tx) => {
		const doc = await insertRecord(
			tx,
			actor,
			org,
			{
				kind: 'contract',
				title: input.title,
				number: input.number,
				documentDate: input.documentDate,
				place: null,
				effectiveDate: input.documentDate,
				responsibleId: null
			},
			upload!
		);
		await tx.insert(contracts).values({
			documentId: doc.id,
			organizationId: org.id,
			counterparty: input.counterparty,
			counterpartyInn: input.counterpartyInn,
			validUntil: input.validUntil,
			guarantees
		});
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'contract.saved',
			entityType: 'contract',
			entityId: doc.id,
			after: {
				counterparty: input.counterparty,
				number: input.number,
				documentDate: input.documentDate,
				validUntil: input.validUntil,
				guarantees
			}
		});
		await completeItemsByProof(tx, actor, org, {
			kind: 'register',
			key: 'operator_contract',
			document: doc
		});
		return doc;
	});
}

/** Changes the operator, term and guarantees of a registered contract. */
export async function updateContract(
	db: Database,
	actor: Actor,
	org: Organization,
	documentId: string,
	raw: Record<string, string>
) {
	assertCan(actor, 'document.edit', org);
	const existing = await findContract(db, org.id, documentId);
	if (!existing) throw new ValidationError({ form: 'Договор не найден.' });
	const parsed = validate(contractInput, contractFormValues(raw));
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	const guarantees = guaranteesFrom(raw);
	await db.transaction(async (tx) => {
		await tx
			.update(documents)
			.set({
				title: input.title,
				number: input.number,
				documentDate: input.documentDate,
				effectiveDate: input.documentDate,
				updatedAt: new Date()
			})
			.where(eq(documents.id, documentId));
		await tx
			.update(contracts)
			.set({
				counterparty: input.counterparty,
				counterpartyInn: input.counterpartyInn,
				validUntil: input.validUntil,
				guarantees,
				updatedAt: new Date()
			})
			.where(eq(contracts.documentId, documentId));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'contract.saved',
			entityType: 'contract',
			entityId: documentId,
			before: {
				counterparty: existing.counterparty,
				number: existing.number,
				documentDate: existing.documentDate,
				validUntil: existing.validUntil,
				guarantees: existing.guarantees
			},
			after: {
				counterparty: input.counterparty,
				number: input.number,
				documentDate: input.documentDate,
				validUntil: input.validUntil,
				guarantees
			}
		});
	});
}

const contractColumns = {
	documentId: contracts.documentId,
	counterparty: contracts.counterparty,
	counterpartyInn: contracts.counterpartyInn,
	validUntil: contracts.validUntil,
	guarantees: contracts.guarantees,
	title: documents.title,
	number: documents.number,
	documentDate: documents.documentDate,
	currentVersion: documents.currentVersion
};

/** The school's contracts, newest first, each with whether it is in force today (figures/contract). */
export async function listContracts(db: Database, org: Organization, now = new Date()) {
	const today = todayOf(now, sql`${org.timeZone}`);
	const rows = await db
		.select({
			...contractColumns,
			inForce: sql<boolean>`${contractInForceSql(sql`${contracts.validUntil}`, sql`${documents.status}`, today)}`
		})
		.from(contracts)
		.innerJoin(documents, eq(documents.id, contracts.documentId))
		.where(eq(contracts.organizationId, org.id))
		.orderBy(desc(documents.documentDate));
	return rows.map((r) => ({ ...r, missing: missingGuarantees(r.guarantees) }));
}

export async function findContract(db: Database, orgId: string, documentId: string) {
	if (!isUuid(documentId)) return null;
	const [row] = await db
		.select({ ...contractColumns, fileId: documentVersions.fileId })
		.from(contracts)
		.innerJoin(documents, eq(documents.id, contracts.documentId))
		.leftJoin(
			documentVersions,
			and(
				eq(documentVersions.documentId, documents.id),
				eq(documentVersions.version, documents.currentVersion)
			)
		)
		.where(and(eq(contracts.organizationId, orgId), eq(contracts.documentId, documentId)));
	return row ? { ...row, missing: missingGuarantees(row.guarantees) } : null;
}

/** What the dashboard warns about, from the school's contract status (the one monitoring and the registers show). */
export async function contractWarnings(
	db: Database,
	org: Organization,
	now = new Date()
): Promise<string[]> {
	if (org.kind !== 'school') return [];
	const c = await schoolContract(db, org, now);
	const name = `${c.counterparty} № ${c.number}`;
	switch (c.status) {
		case 'none':
			return ['Не зарегистрирован договор с оператором системы электронного журнала.'];
		case 'expired':
			return [
				`Нет действующего договора с оператором: договор с ${name} ${c.validUntil ? `истёк ${formatDate(c.validUntil)}` : 'не действует'}.`
			];
		case 'incomplete':
			return [
				`В договоре с ${name} нет гарантий: ${missingGuarantees(c.guarantees ?? {}).join('; ')}.`
			];
		case 'complete':
			return [];
	}
}
