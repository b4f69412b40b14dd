import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import { remarks, users, type Organization } from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, withoutNul } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { findItem } from './queries';

const MAX_REMARK = 5000;

function body(text: string): string {
	const clean = withoutNul(text).trim();
	if (!clean) throw new ValidationError({ body: 'Напишите текст.' });
	if (clean.length > MAX_REMARK)
		throw new ValidationError({ body: `Не больше ${MAX_REMARK} символов.` });
	return clean;
}

/** An authority's remark on a school's item, as the seeds' monitoring asks. */
export async function addRemark(
	db: Database,
	actor: Actor,
	org: Organization,
	itemId: string,
	text: string
) {
	assertCan(actor, 'checklist.remark', org);
	const found = await findItem(db, org.id, itemId);
	if (!found) throw new ValidationError({ form: 'Пункт не найден.' });
	const clean = body(text);
	return db.transaction(async (tx) => {
		const [remark] = await tx
			.insert(remarks)
			.values({ checklistItemId: itemId, organizationId: org.id, authorId: actor.id, body: clean })
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'remark.created',
			entityType: 'checklist_item',
			entityId: itemId,
			after: { remarkId: remark!.id, body: clean, code: found.catalogueItem.code }
		});
		return remark!;
	});
}

/** The school's answer to a remark. */
export async function answerRemark(
	db: Database,
	actor: Actor,
	org: Organization,
	remarkId: string,
	text: string
) {
	assertCan(actor, 'checklist.edit', org);
	const remark = await openRemark(db, org.id, remarkId);
	const clean = body(text);
	return db.transaction(async (tx) => {
		const [answer] = await tx
			.insert(remarks)
			.values({
				checklistItemId: remark.checklistItemId,
				organizationId: org.id,
				authorId: actor.id,
				replyTo: remark.id,
				body: clean
			})
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'remark.answered',
			entityType: 'checklist_item',
			entityId: remark.checklistItemId,
			after: { remarkId: remark.id, body: clean }
		});
		return answer!;
	});
}

/** The authority closes its remark once the answer satisfies it. */
export async function resolveRemark(
	db: Database,
	actor: Actor,
	org: Organization,
	remarkId: string
) {
	assertCan(actor, 'checklist.remark', org);
	const remark = await openRemark(db, org.id, remarkId);
	await db.transaction(async (tx) => {
		await tx.update(remarks).set({ resolvedAt: new Date() }).where(eq(remarks.id, remark.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'remark.resolved',
			entityType: 'checklist_item',
			entityId: remark.checklistItemId,
			after: { remarkId: remark.id }
		});
	});
}

async function openRemark(db: Database, orgId: string, remarkId: string) {
	const [remark] = isUuid(remarkId)
		? await db
				.select()
				.from(remarks)
				.where(
					and(
						eq(remarks.id, remarkId),
						eq(remarks.organizationId, orgId),
						isNull(remarks.replyTo),
						isNull(remarks.resolvedAt)
					)
				)
		: [];
	if (!remark) throw new ValidationError({ form: 'Замечание уже снято или не найдено.' });
	return remark;
}

/** Remarks of an item with their answers, oldest first. */
export async function remarksOf(db: Database, itemId: string) {
	const rows = await db
		.select({ remark: remarks, authorName: users.fullName })
		.from(remarks)
		.innerJoin(users, eq(users.id, remarks.authorId))
		.where(eq(remarks.checklistItemId, itemId))
		.orderBy(asc(remarks.createdAt));
	return rows
		.filter((r) => !r.remark.replyTo)
		.map((r) => ({
			...r.remark,
			authorName: r.authorName,
			answers: rows
				.filter((a) => a.remark.replyTo === r.remark.id)
				.map((a) => ({ ...a.remark, authorName: a.authorName }))
		}));
}
