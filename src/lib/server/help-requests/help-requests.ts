import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Database } from '../db';
import {
	helpRequestStatus,
	helpRequests,
	memberships,
	organizations,
	users,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, type Actor } from '../auth/permissions';
import { ValidationError, validate, withoutNul } from '../forms/errors';
import { isUuid } from '../orgs/queries';
import { notifyUsers } from '../notifications/notify';
import {
	HELP_TEXT_MAX,
	helpTopicLabels,
	helpTopics,
	type HelpStatus,
	type HelpTopic
} from '../../help-requests/labels';

// 002 (Saki district order № 206, annex 2, § 6.4; the scan reads «5.4»): every methodical, consulting or technical help is entered
// in the working group's log. A school (or a municipality) asks the authority directly above it.

const text = (missing: string) =>
	z
		.string()
		.transform((v) => withoutNul(v).trim())
		.pipe(z.string().min(1, missing).max(HELP_TEXT_MAX, `Не больше ${HELP_TEXT_MAX} символов.`));

const requestInput = z.object({
	topic: z.enum(helpTopics as [HelpTopic, ...HelpTopic[]], {
		message: 'Выберите тему обращения из списка.'
	}),
	body: text('Опишите, с чем нужна помощь.')
});

const answerInput = z.object({ answer: text('Напишите ответ.') });

/** A school's or municipality's request to the working group of the authority above it. */
export async function createHelpRequest(
	db: Database,
	actor: Actor,
	org: Organization,
	raw: Record<string, string>
) {
	assertCan(actor, 'help_request.create', org);
	if (!org.parentId)
		throw new ValidationError({
			form: 'Над этой организацией нет органа, которому можно направить обращение.'
		});
	const parsed = validate(requestInput, { topic: raw.topic ?? '', body: raw.body ?? '' });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { topic, body } = parsed.value;
	const authorityId = org.parentId;
	return db.transaction(async (tx) => {
		const [request] = await tx
			.insert(helpRequests)
			.values({ organizationId: org.id, authorityId, authorId: actor.id, topic, body })
			.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'help_request.created',
			entityType: 'help_request',
			entityId: request!.id,
			after: { authorityId, topic, body }
		});
		const staff = await tx
			.select({ userId: memberships.userId })
			.from(memberships)
			.where(and(eq(memberships.organizationId, authorityId), eq(memberships.role, 'authority')));
		await notifyUsers(
			tx,
			staff.map((s) => s.userId),
			{
				organizationId: authorityId,
				kind: 'help_request',
				title: `Обращение: ${org.shortName}`,
				body: `${helpTopicLabels[topic]}\n\n${body}`,
				link: `/app/orgs/${authorityId}/help`
			}
		);
		return request!;
	});
}

/** A request addressed to this authority that is not closed, locked until the transaction ends. */
async function openRequestFor(tx: Database, authorityId: string, id: string) {
	const [row] = isUuid(id)
		? await tx
				.select()
				.from(helpRequests)
				.where(and(eq(helpRequests.id, id), eq(helpRequests.authorityId, authorityId)))
				.for('update')
		: [];
	if (!row) throw new ValidationError({ form: 'Обращение не найдено.' });
	if (row.status === 'closed') throw new ValidationError({ form: 'Обращение уже закрыто.' });
	return row;
}

/** The working group answers; the asker is told. Answering again replaces the answer. */
export async function answerHelpRequest(
	db: Database,
	actor: Actor,
	authority: Organization,
	id: string,
	raw: Record<string, string>
) {
	assertCan(actor, 'help_request.answer', authority);
	const parsed = validate(answerInput, { answer: raw.answer ?? '' });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { answer } = parsed.value;
	await db.transaction(async (tx) => {
		const request = await openRequestFor(tx, authority.id, id);
		await tx
			.update(helpRequests)
			.set({ status: 'answered', answer, answeredBy: actor.id, answeredAt: new Date() })
			.where(eq(helpRequests.id, request.id));
		await recordEvent(tx, {
			actor,
			organizationId: authority.id,
			action: 'help_request.answered',
			entityType: 'help_request',
			entityId: request.id,
			before: request.answer ? { answer: request.answer } : undefined,
			after: { organizationId: request.organizationId, answer }
		});
		if (request.authorId)
			await notifyUsers(tx, [request.authorId], {
				organizationId: request.organizationId,
				kind: 'help_request',
				title: `Ответ рабочей группы: ${authority.shortName}`,
				body: answer,
				link: `/app/orgs/${request.organizationId}/help`
			});
	});
}

/** The working group closes a request once the help is given. */
export async function closeHelpRequest(
	db: Database,
	actor: Actor,
	authority: Organization,
	id: string
) {
	assertCan(actor, 'help_request.answer', authority);
	await db.transaction(async (tx) => {
		const request = await openRequestFor(tx, authority.id, id);
		await tx
			.update(helpRequests)
			.set({ status: 'closed', closedAt: new Date() })
			.where(eq(helpRequests.id, request.id));
		await recordEvent(tx, {
			actor,
			organizationId: authority.id,
			action: 'help_request.closed',
			entityType: 'help_request',
			entityId: request.id,
			before: { status: request.status },
			after: { status: 'closed' }
		});
	});
}

export interface HelpFilters {
	status: HelpStatus | null;
	organizationId: string | null;
	topic: HelpTopic | null;
}

export function parseHelpFilters(params: URLSearchParams): {
	filters: HelpFilters;
	problem: string | null;
} {
	const status = params.get('status') ?? '';
	const org = params.get('org') ?? '';
	const topic = params.get('topic') ?? '';
	const okStatus = (helpRequestStatus.enumValues as readonly string[]).includes(status);
	const okTopic = (helpTopics as readonly string[]).includes(topic);
	const bad = (status && !okStatus) || (org && !isUuid(org)) || (topic && !okTopic);
	return {
		filters: {
			status: okStatus ? (status as HelpStatus) : null,
			organizationId: isUuid(org) ? org : null,
			topic: okTopic ? (topic as HelpTopic) : null
		},
		problem: bad ? 'Фильтр не распознан: выберите значение из списка.' : null
	};
}

const asker = alias(users, 'asker');
const answerer = alias(users, 'answerer');

function listRequests(db: Database, where: SQL) {
	return db
		.select({
			id: helpRequests.id,
			organizationId: helpRequests.organizationId,
			organization: organizations.shortName,
			topic: sql<HelpTopic>`${helpRequests.topic}`,
			body: helpRequests.body,
			status: helpRequests.status,
			author: asker.fullName,
			answer: helpRequests.answer,
			answeredBy: answerer.fullName,
			answeredAt: helpRequests.answeredAt,
			closedAt: helpRequests.closedAt,
			createdAt: helpRequests.createdAt
		})
		.from(helpRequests)
		.innerJoin(organizations, eq(organizations.id, helpRequests.organizationId))
		.leftJoin(asker, eq(asker.id, helpRequests.authorId))
		.leftJoin(answerer, eq(answerer.id, helpRequests.answeredBy))
		.where(where)
		.orderBy(desc(helpRequests.createdAt));
}

/** The log of the requests addressed to an authority. */
export function helpLog(db: Database, authority: Organization, f: HelpFilters) {
	return listRequests(
		db,
		and(
			eq(helpRequests.authorityId, authority.id),
			f.status ? eq(helpRequests.status, f.status) : undefined,
			f.organizationId ? eq(helpRequests.organizationId, f.organizationId) : undefined,
			f.topic ? eq(helpRequests.topic, f.topic) : undefined
		)!
	);
}

/** What an organisation has asked, with the answers. */
export function requestsOf(db: Database, org: Organization) {
	return listRequests(db, eq(helpRequests.organizationId, org.id));
}

/** Organisations that have written to the authority, for the log's filter. */
export async function askersOf(db: Database, authority: Organization) {
	return db
		.selectDistinct({ id: organizations.id, shortName: organizations.shortName })
		.from(helpRequests)
		.innerJoin(organizations, eq(organizations.id, helpRequests.organizationId))
		.where(eq(helpRequests.authorityId, authority.id))
		.orderBy(organizations.shortName);
}

/** Requests still waiting for an answer from this authority. */
export async function openHelpCount(db: Database, authorityId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(helpRequests)
		.where(and(eq(helpRequests.authorityId, authorityId), eq(helpRequests.status, 'open')));
	return row!.n;
}
