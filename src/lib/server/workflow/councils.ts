import { and, asc, eq, isNull, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../db';
import {
	councilOpinions,
	documentLinks,
	documentVersions,
	documents,
	files,
	organizations,
	type CouncilOpinion,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { recordEvent } from '../audit/record-event';
import { assertCan, can, type Actor } from '../auth/permissions';
import { validate, ValidationError } from '../forms/errors';
import { storeFile, checkUpload, type Upload } from '../documents/store-file';
import { addWorkingDays } from '../../working-days';
import { formatDate, todayIn } from '../../format';
import {
	COUNCIL_TERM_WORKING_DAYS,
	councilGenitiveLabels,
	councilLabels,
	councilResultLabels,
	recordableCouncilResults,
	type CouncilKind
} from '../../workflow/labels';
import { notifyUsers } from '../notifications/notify';
import { directorsOf, documentLink, lockDocument } from './route';
import { templateLibrary } from '../templates/library';
import { fillTemplate } from '../templates/fill-template';
import { loadTemplateContext } from '../templates/context';
import { sha256Hex } from '../documents/hash';
import { completeItemsByProof } from '../checklists/complete-by-proof';

/** ч. 3 ст. 30 273-ФЗ: students' rights need the students' and the parents' councils, workers' rights the workers' body. */
export function requiredCouncils(
	doc: Pick<DocumentRow, 'affectsStudents' | 'affectsWorkers'>
): CouncilKind[] {
	return [
		...(doc.affectsStudents ? (['students', 'parents'] as const) : []),
		...(doc.affectsWorkers ? (['workers'] as const) : [])
	];
}

export async function opinionsOf(db: Database, docId: string) {
	return db
		.select({ opinion: councilOpinions, fileName: files.name })
		.from(councilOpinions)
		.leftJoin(files, eq(files.id, councilOpinions.fileId))
		.where(eq(councilOpinions.documentId, docId))
		.orderBy(asc(councilOpinions.council));
}

/**
 * A council that let its 5 working days pass is recorded as «не представлено в срок» — the
 * opinion is then taken as given (the act may be approved), and the record says so.
 */
export async function recordMissedOpinions(
	tx: Database,
	org: Organization,
	doc: DocumentRow,
	today = todayIn(org.timeZone)
): Promise<CouncilOpinion[]> {
	const missed = await tx
		.update(councilOpinions)
		.set({ result: 'no_answer', recordedAt: new Date() })
		.where(
			and(
				eq(councilOpinions.documentId, doc.id),
				isNull(councilOpinions.result),
				lt(councilOpinions.dueOn, today)
			)
		)
		.returning();
	for (const o of missed)
		await recordEvent(tx, {
			actor: null,
			organizationId: org.id,
			action: 'council.recorded',
			entityType: 'council_opinion',
			entityId: o.id,
			after: { council: o.council, result: 'no_answer', dueOn: o.dueOn }
		});
	if (
		missed.length &&
		!missingOpinions(
			doc,
			(await opinionsOf(tx, doc.id)).map((x) => x.opinion)
		).length
	)
		await completeItemsByProof(tx, null, org, {
			kind: 'event',
			key: 'opinions_recorded',
			document: doc
		});
	return missed;
}

/** Which required opinions are missing, in words fit for the refusal of approval; empty when none. */
export function missingOpinions(
	doc: Pick<DocumentRow, 'affectsStudents' | 'affectsWorkers' | 'currentVersion'>,
	opinions: Pick<CouncilOpinion, 'council' | 'result' | 'dueOn' | 'version'>[]
): string[] {
	return requiredCouncils(doc).flatMap((council) => {
		const o = opinions.find((x) => x.council === council);
		if (!o) return [`${councilLabels[council]} — мнение не запрошено`];
		// An opinion is on the text the council was sent; a changed text is sent again (as requestOpinions does).
		if (o.version !== doc.currentVersion)
			return [
				`${councilLabels[council]} — мнение ${o.result ? 'дано' : 'запрошено'} по версии ${o.version}, а утверждается версия ${doc.currentVersion}: направьте проект снова`
			];
		if (!o.result) return [`${councilLabels[council]} — ждём ответа до ${formatDate(o.dueOn)}`];
		return [];
	});
}

const ON_ROUTE: DocumentRow['status'][] = ['review', 'discussion', 'approval'];

const requestInput = z.object({
	requestedOn: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Укажите дату направления проекта.' })
});

/** Sends the current version to every council the act needs; the 5-working-day term starts the next day. */
export async function requestOpinions(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
) {
	assertCan(actor, 'document.edit', org);
	const parsed = validate(requestInput, { requestedOn: raw.requestedOn ?? '' });
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const { requestedOn } = parsed.value;
	if (requestedOn > todayIn(org.timeZone))
		throw new ValidationError({ requestedOn: 'Дата направления не может быть в будущем.' });
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		const councils = requiredCouncils(doc);
		if (!councils.length)
			throw new ValidationError({
				form: 'Документ не отмечен как затрагивающий права обучающихся или работников: мнение советов не требуется.'
			});
		if (!ON_ROUTE.includes(doc.status))
			throw new ValidationError({
				form: 'Мнение советов запрашивают по проекту, отправленному по маршруту.'
			});
		const existing = await tx
			.select()
			.from(councilOpinions)
			.where(eq(councilOpinions.documentId, doc.id));
		const dueOn = addWorkingDays(requestedOn, COUNCIL_TERM_WORKING_DAYS);
		const asked: CouncilKind[] = [];
		for (const council of councils) {
			const o = existing.find((x) => x.council === council);
			// An answer already given stands; an unanswered or outdated request is sent again on the current version.
			if (o?.result && o.version === doc.currentVersion) continue;
			const letter = await registerRequestLetter(tx, actor, org, doc, council, requestedOn, dueOn);
			if (o)
				await tx
					.update(councilOpinions)
					.set({
						version: doc.currentVersion,
						requestedOn,
						dueOn,
						result: null,
						answeredOn: null,
						minutesNumber: null,
						note: null,
						fileId: null,
						recordedBy: null,
						recordedAt: null,
						requestDocumentId: letter.id
					})
					.where(eq(councilOpinions.id, o.id));
			else
				await tx.insert(councilOpinions).values({
					documentId: doc.id,
					organizationId: org.id,
					council,
					version: doc.currentVersion,
					requestedOn,
					dueOn,
					requestDocumentId: letter.id
				});
			asked.push(council);
		}
		if (!asked.length)
			throw new ValidationError({ form: 'Все советы уже дали мнение по текущей версии.' });
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'council.requested',
			entityType: 'document',
			entityId: doc.id,
			after: { councils: asked, version: doc.currentVersion, requestedOn, dueOn }
		});
		return { asked, dueOn };
	});
}

const opinionInput = z.object({
	council: z.enum(Object.keys(councilLabels) as [CouncilKind, ...CouncilKind[]], {
		message: 'Выберите совет.'
	}),
	result: z.enum(recordableCouncilResults, { message: 'Выберите, что решил совет.' }),
	answeredOn: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Укажите дату решения (протокола).' }),
	minutesNumber: z.string().trim().max(50, { message: 'Номер протокола не длиннее 50 символов.' }),
	note: z.string().trim().max(2000, { message: 'Не длиннее 2000 символов.' })
});

/** The council's answer with the date and, for a real opinion, the minutes file. */
export async function recordOpinion(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>,
	upload: Upload | null
) {
	assertCan(actor, 'document.edit', org);
	const parsed = validate(opinionInput, {
		council: raw.council ?? '',
		result: raw.result ?? '',
		answeredOn: raw.answeredOn ?? '',
		minutesNumber: raw.minutesNumber ?? '',
		note: raw.note ?? ''
	});
	if (!parsed.ok) throw new ValidationError(parsed.errors);
	const input = parsed.value;
	if (input.result !== 'not_formed' && !input.minutesNumber)
		throw new ValidationError({
			minutesNumber: 'Укажите номер протокола (выписки), которым совет выразил мнение.'
		});
	if (input.result !== 'not_formed') {
		if (!upload || !upload.bytes.byteLength)
			throw new ValidationError({ file: 'Приложите протокол (выписку) с мнением совета.' });
		checkUpload(upload);
	}
	if (input.answeredOn > todayIn(org.timeZone))
		throw new ValidationError({ answeredOn: 'Дата не может быть в будущем.' });
	return db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (!ON_ROUTE.includes(doc.status))
			throw new ValidationError({ form: 'Мнение советов записывают до утверждения акта.' });
		const [o] = await tx
			.select()
			.from(councilOpinions)
			.where(
				and(eq(councilOpinions.documentId, doc.id), eq(councilOpinions.council, input.council))
			);
		if (!o && input.result !== 'not_formed')
			throw new ValidationError({
				council: 'Мнение этого совета не запрашивалось: сначала направьте проект.'
			});
		if (o?.result)
			throw new ValidationError({
				council: `Мнение уже записано: «${councilResultLabels[o.result]}».`
			});
		if (o && input.answeredOn < o.requestedOn)
			throw new ValidationError({
				answeredOn: `Совет не мог ответить раньше, чем получил проект (${formatDate(o.requestedOn)}).`
			});
		const file =
			upload && input.result !== 'not_formed'
				? await storeFile(tx, org.id, actor.id, upload)
				: null;
		const values = {
			result: input.result,
			answeredOn: input.answeredOn,
			minutesNumber: input.minutesNumber || null,
			note: input.note || null,
			fileId: file?.id ?? null,
			recordedBy: actor.id,
			recordedAt: new Date()
		};
		const [row] = o
			? await tx.update(councilOpinions).set(values).where(eq(councilOpinions.id, o.id)).returning()
			: await tx
					.insert(councilOpinions)
					.values({
						...values,
						documentId: doc.id,
						organizationId: org.id,
						council: input.council,
						version: doc.currentVersion,
						requestedOn: input.answeredOn,
						dueOn: input.answeredOn
					})
					.returning();
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'council.recorded',
			entityType: 'council_opinion',
			entityId: row!.id,
			after: {
				council: input.council,
				result: input.result,
				answeredOn: input.answeredOn,
				minutesNumber: input.minutesNumber || null,
				file: file ? { name: file.name, sha256: file.sha256 } : null,
				late: o ? input.answeredOn > o.dueOn : false
			}
		});
		if (
			requiredCouncils(doc).length &&
			!missingOpinions(
				doc,
				(await opinionsOf(tx, doc.id)).map((x) => x.opinion)
			).length
		)
			await completeItemsByProof(tx, actor, org, {
				kind: 'event',
				key: 'opinions_recorded',
				document: doc
			});
		return row!;
	});
}

/**
 * What the approving order says about the opinions considered, from what was recorded:
 * «совета обучающихся (протокол от 12.05.2026 № 4), совета родителей … (мнение в установленный срок не представлено)».
 * A council not formed is left out: there was no opinion to consider.
 */
export function opinionsText(
	opinions: Pick<CouncilOpinion, 'council' | 'result' | 'answeredOn' | 'dueOn' | 'minutesNumber'>[]
): string {
	const order: CouncilKind[] = ['students', 'parents', 'workers'];
	return [...opinions]
		.filter((o) => o.result && o.result !== 'not_formed')
		.sort((a, b) => order.indexOf(a.council) - order.indexOf(b.council))
		.filter((o, i, all) => all.findIndex((x) => x.council === o.council) === i)
		.map(
			(o) =>
				`${councilGenitiveLabels[o.council]} (${o.result === 'no_answer' ? 'мнение в установленный срок не представлено' : `протокол от ${formatDate(o.answeredOn!)}${o.minutesNumber ? ` № ${o.minutesNumber}` : ''}`})`
		)
		.join(', ');
}

const ACK_ROLES = ['director', 'working_group', 'staff'] as const;

/**
 * Whose rights the act touches (and so whose councils must speak) and who must acknowledge it;
 * fixed before approval, since the approval relies on them.
 */
export async function setRouteOptions(
	db: Database,
	actor: Actor,
	org: Organization,
	docId: string,
	raw: Record<string, string>
) {
	assertCan(actor, 'document.edit', org);
	const roles = ACK_ROLES.filter((r) => raw[`ack_${r}`] === 'on');
	if (raw.ackEveryone !== 'on' && !roles.length)
		throw new ValidationError({
			ackEveryone: 'Отметьте, кто знакомится с актом: все работники или выбранные роли.'
		});
	await db.transaction(async (tx) => {
		const doc = await lockDocument(tx, org, docId);
		if (!['draft', 'review', 'discussion', 'approval'].includes(doc.status))
			throw new ValidationError({ form: 'Эти отметки меняются только до утверждения.' });
		const wanted = { students: raw.affectsStudents === 'on', workers: raw.affectsWorkers === 'on' };
		const required = templateAffects(doc);
		const waivers = { ...doc.councilWaivers };
		const reason = (raw.waiverReason ?? '').trim();
		for (const who of ['students', 'workers'] as const) {
			if (wanted[who] || !required.includes(who)) {
				delete waivers[who];
				continue;
			}
			if (waivers[who]) continue;
			// The model act touches these rights; only the head may decide otherwise, and must say why.
			if (!can(actor, 'document.approve', org))
				throw new ValidationError({
					waiverReason: 'Снять требование мнения совета может только руководитель.'
				});
			if (reason.length < 10)
				throw new ValidationError({
					waiverReason:
						'Акт по типовому шаблону затрагивает эти права: объясните письменно, почему мнение совета не требуется.'
				});
			waivers[who] = reason.slice(0, 2000);
			await recordEvent(tx, {
				actor,
				organizationId: org.id,
				action: 'council.waived',
				entityType: 'document',
				entityId: doc.id,
				after: {
					councils: who === 'students' ? ['students', 'parents'] : ['workers'],
					reason: waivers[who]
				}
			});
		}
		const next = {
			affectsStudents: wanted.students,
			affectsWorkers: wanted.workers,
			councilWaivers: waivers,
			acknowledgementRoles: raw.ackEveryone === 'on' ? null : [...roles]
		};
		await tx
			.update(documents)
			.set({ ...next, updatedAt: new Date() })
			.where(eq(documents.id, doc.id));
		await recordEvent(tx, {
			actor,
			organizationId: org.id,
			action: 'document.details_updated',
			entityType: 'document',
			entityId: doc.id,
			before: {
				affectsStudents: doc.affectsStudents,
				affectsWorkers: doc.affectsWorkers,
				councilWaivers: doc.councilWaivers,
				acknowledgementRoles: doc.acknowledgementRoles
			},
			after: next
		});
	});
}

/**
 * The daily check: every council whose term ran out unanswered is recorded as such, and the
 * document's author (or the head) hears of it, so approval can go on.
 */
export async function recordMissedOpinionsEverywhere(
	db: Database,
	now = new Date()
): Promise<number> {
	const candidates = await db
		.selectDistinct({
			documentId: councilOpinions.documentId,
			organizationId: councilOpinions.organizationId
		})
		.from(councilOpinions)
		.where(
			and(isNull(councilOpinions.result), lt(councilOpinions.dueOn, now.toISOString().slice(0, 10)))
		);
	let recorded = 0;
	for (const c of candidates) {
		recorded += await db.transaction(async (tx) => {
			const [org] = await tx
				.select()
				.from(organizations)
				.where(eq(organizations.id, c.organizationId));
			const doc = await lockDocument(tx, org!, c.documentId);
			const missed = await recordMissedOpinions(tx, org!, doc, todayIn(org!.timeZone, now));
			if (missed.length)
				await notifyUsers(tx, doc.authorId ? [doc.authorId] : await directorsOf(tx, org!.id), {
					organizationId: org!.id,
					documentId: doc.id,
					kind: 'council_missed',
					title: 'Совет не представил мнение в срок',
					body: `«${doc.title}»: ${missed.map((o) => councilLabels[o.council]).join(', ')} — срок истёк; это записано, акт можно утверждать.`,
					link: documentLink(doc)
				});
			return missed.length;
		});
	}
	return recorded;
}

/** Whose rights the model act touches, as its template says: what the route requires unless the head lifts it. */
export function templateAffects(doc: Pick<DocumentRow, 'templateId'>): ('students' | 'workers')[] {
	return (doc.templateId && templateLibrary().byId.get(doc.templateId)?.affects) || [];
}

export const REQUEST_LETTER_TEMPLATE = 'school-letter-council-opinion';

/** The request for an opinion is itself a record: a letter with its date and term, registered and linked to the act. */
async function registerRequestLetter(
	tx: Database,
	actor: Actor,
	org: Organization,
	act: DocumentRow,
	council: CouncilKind,
	requestedOn: string,
	dueOn: string
): Promise<DocumentRow> {
	const template = templateLibrary().byId.get(REQUEST_LETTER_TEMPLATE)!;
	const values = {
		council,
		council_name: councilLabels[council],
		act_title: act.title,
		act_version: act.currentVersion,
		request_date: requestedOn,
		due_date: dueOn
	};
	const source = await fillTemplate(template, await loadTemplateContext(tx, org), values);
	const [letter] = await tx
		.insert(documents)
		.values({
			organizationId: org.id,
			kind: 'letter',
			documentClass: 'record',
			title: `${template.title}: «${act.title}» — ${councilLabels[council].toLowerCase()}`,
			heading: template.heading,
			documentDate: requestedOn,
			status: 'registered',
			authorId: actor.id,
			templateId: template.id,
			templateHash: template.hash,
			signature: template.signature,
			currentVersion: 1
		})
		.returning();
	await tx.insert(documentVersions).values({
		documentId: letter!.id,
		version: 1,
		source,
		variables: values,
		templateHash: template.hash,
		sha256: sha256Hex(source),
		note: 'Сформировано при направлении проекта в совет',
		authorId: actor.id
	});
	await tx
		.insert(documentLinks)
		.values({ documentId: letter!.id, targetId: act.id, relation: 'annex_to' });
	await recordEvent(tx, {
		actor,
		organizationId: org.id,
		action: 'document.created',
		entityType: 'document',
		entityId: letter!.id,
		after: { title: letter!.title, kind: 'letter', council, act: act.id, requestedOn, dueOn }
	});
	return letter!;
}
