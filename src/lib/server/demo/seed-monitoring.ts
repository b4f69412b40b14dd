import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../db';
import {
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	memberships,
	organizations,
	users,
	type JournalSystem,
	type Organization
} from '../db/schema';
import { loadActor, type Actor } from '../auth/permissions';
import { recordEvent } from '../audit/record-event';
import { createCampaign } from '../checklists/campaigns';
import { updateItem } from '../checklists/update-item';
import { addRemark } from '../checklists/remarks';
import { createContract } from '../contracts/contracts';
import { answerHelpRequest, createHelpRequest } from '../help-requests/help-requests';
import { setReadinessPublic } from '../readiness/readiness';
import { guaranteeKeys } from '../../contracts/labels';
import { todayIn } from '../../format';
import { hashPassword } from '../auth/password';
import { DEMO_PASSWORD, DEMO_SCHOOL_SLUG } from './demo-data';

// What a district and a region look like to monitoring (issue #6, item 8): the other Saki schools
// ahead, behind and overdue, remarks, help requests, contracts with and without the guarantees,
// schools paperless on different systems. Everything goes through the domain functions, so each
// change has its audit event. The demo school's own checklist is left as the route demo made it.

const CONTRACT_PDF = new TextEncoder().encode(
	[
		'%PDF-1.4',
		'1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
		'2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
		'3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj',
		'trailer << /Root 1 0 R >>',
		'%%EOF',
		''
	].join('\n')
);

const ddmmyyyy = (iso: string) => iso.split('-').reverse().join('.');

/** The other Saki schools' directors: each ticks its own school's items, signs its contract, asks for help. */
const schoolDirectors: Record<string, string> = {
	'veresaevskaya-sh': 'Бондаренко Ирина Петровна',
	'geroyskaya-sh': 'Кравченко Сергей Иванович',
	'ivanovskaya-sh': 'Усеинова Эльмира Рустемовна',
	'mityaevskaya-sh': 'Шевченко Наталья Александровна',
	'uyutnenskaya-sh': 'Ткаченко Виктор Николаевич',
	'shtormovskaya-sh': 'Абдуллаева Лиля Сейтумеровна'
};

/** How far each school has got: the share of its note-proved items done, and how many more are under way. */
const progressPlan: Record<string, { done: number; inProgress: number }> = {
	'veresaevskaya-sh': { done: 1, inProgress: 0 },
	'geroyskaya-sh': { done: 0.7, inProgress: 3 },
	'ivanovskaya-sh': { done: 0.3, inProgress: 2 },
	'mityaevskaya-sh': { done: 0.5, inProgress: 1 },
	'uyutnenskaya-sh': { done: 0, inProgress: 1 }
	// Штормовская has not started at all.
};

const profiles: Record<
	string,
	{ journalSystem: JournalSystem; journalSystemOther?: string; paperlessSince: string | null }
> = {
	'veresaevskaya-sh': { journalSystem: 'eljur', paperlessSince: '2022-09-01' },
	'geroyskaya-sh': { journalSystem: 'eljur', paperlessSince: '2023-01-09' },
	'mityaevskaya-sh': {
		journalSystem: 'other',
		journalSystemOther: 'Школьный портал Республики Крым',
		paperlessSince: '2024-09-02'
	},
	'shtormovskaya-sh': { journalSystem: 'fgis_my_school', paperlessSince: null }
};

export async function seedDemoMonitoring(db: Database) {
	const actorOf = async (email: string) => {
		const [user] = await db.select().from(users).where(eq(users.email, email));
		return user ? loadActor(db, user) : null;
	};
	const [officer, minister, director] = await Promise.all(
		['municipality@demo.test', 'region@demo.test', 'director@demo.test'].map(actorOf)
	);
	const [saki] = await db.select().from(organizations).where(eq(organizations.slug, 'saki-rayon'));
	const [crimea] = await db.select().from(organizations).where(eq(organizations.slug, 'krym'));
	if (!officer || !minister || !director || !saki || !crimea) return;
	const schools = await db
		.select()
		.from(organizations)
		.where(eq(organizations.parentId, saki.id))
		.orderBy(asc(organizations.slug));
	const bySlug = new Map(schools.map((s) => [s.slug, s]));
	const directors = await seedDirectors(db, bySlug);
	const today = todayIn(saki.timeZone);
	const year = Number(today.slice(0, 4));

	await seedProfiles(db, bySlug);
	await seedProgress(db, directors, officer, bySlug);
	await seedMunicipalChecklist(db, minister, officer, crimea, saki, year);
	await seedContracts(db, directors, bySlug, year);
	await seedHelpRequests(db, directors, officer, director, saki, bySlug);
	await setReadinessPublic(db, officer, saki, true);
}

/** Journal systems and paperless dates, as the schools' profiles would carry them. */
async function seedProfiles(db: Database, bySlug: Map<string, Organization>) {
	for (const [slug, p] of Object.entries(profiles)) {
		const school = bySlug.get(slug);
		if (!school) continue;
		const after = {
			journalSystem: p.journalSystem,
			journalSystemOther: p.journalSystemOther ?? null,
			paperlessSince: p.paperlessSince
		};
		await db.transaction(async (tx) => {
			await tx.update(organizations).set(after).where(eq(organizations.id, school.id));
			await recordEvent(tx, {
				actor: null,
				organizationId: school.id,
				action: 'organization.updated',
				entityType: 'organization',
				entityId: school.id,
				before: {
					journalSystem: school.journalSystem,
					journalSystemOther: school.journalSystemOther,
					paperlessSince: school.paperlessSince
				},
				after: { ...after, source: 'demo' }
			});
		});
	}
}

/** Director accounts of the other schools (not among the advertised demo logins), with the demo password. */
async function seedDirectors(
	db: Database,
	bySlug: Map<string, Organization>
): Promise<Map<string, Actor>> {
	const passwordHash = await hashPassword(DEMO_PASSWORD);
	const out = new Map<string, Actor>();
	for (const [slug, fullName] of Object.entries(schoolDirectors)) {
		const school = bySlug.get(slug);
		if (!school) continue;
		const user = await db.transaction(async (tx) => {
			const [u] = await tx
				.insert(users)
				.values({ email: `director.${slug}@demo.test`, fullName, passwordHash })
				.returning();
			const [m] = await tx
				.insert(memberships)
				.values({
					userId: u!.id,
					organizationId: school.id,
					role: 'director',
					position: 'Директор'
				})
				.returning();
			await recordEvent(tx, {
				actor: null,
				organizationId: school.id,
				action: 'user.created',
				entityType: 'user',
				entityId: u!.id,
				after: { email: u!.email, fullName, source: 'demo' }
			});
			await recordEvent(tx, {
				actor: null,
				organizationId: school.id,
				action: 'membership.created',
				entityType: 'membership',
				entityId: m!.id,
				after: { userId: u!.id, role: 'director', source: 'demo' }
			});
			return u!;
		});
		out.set(slug, await loadActor(db, user));
	}
	return out;
}

/** The school items of crimea-001, ticked by each school's director; remarks from the district. */
async function seedProgress(
	db: Database,
	directors: Map<string, Actor>,
	officer: Actor,
	bySlug: Map<string, Organization>
) {
	for (const [slug, plan] of Object.entries(progressPlan)) {
		const school = bySlug.get(slug);
		const head = directors.get(slug);
		if (!school || !head) continue;
		const items = await db
			.select({ id: checklistItems.id, evidence: catalogueItems.evidence })
			.from(checklistItems)
			.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
			.where(eq(checklistItems.organizationId, school.id))
			.orderBy(asc(checklistItems.dueOn), asc(catalogueItems.position));
		// Items proved by a note can be closed without the school's documents, which the demo does not make.
		const byNote = items.filter((i) => i.evidence.note);
		const done = byNote.slice(0, Math.round(plan.done * byNote.length));
		for (const item of done)
			await updateItem(db, head, school, item.id, {
				status: 'done',
				note: 'Выполнено, см. протокол заседания рабочей группы школы.'
			});
		const rest = items.filter((i) => !done.includes(i)).slice(0, plan.inProgress);
		for (const item of rest) await updateItem(db, head, school, item.id, { status: 'in_progress' });
		if (plan.done < 0.5) {
			const open = items.find((i) => !done.includes(i));
			if (open)
				await addRemark(
					db,
					officer,
					school,
					open.id,
					'Срок прошёл, а пункт не выполнен. Сообщите, какая помощь нужна, и укажите новый срок.'
				);
		}
	}
}

/** The ministry assigns its 13 duties of municipal authorities (000) to the Saki district, which works on them. */
async function seedMunicipalChecklist(
	db: Database,
	minister: Actor,
	officer: Actor,
	crimea: Organization,
	saki: Organization,
	year: number
) {
	const [catalogue] = await db
		.select({ id: checklistCatalogues.id })
		.from(checklistCatalogues)
		.where(
			and(eq(checklistCatalogues.code, 'crimea-000-municipal'), eq(checklistCatalogues.version, 1))
		);
	if (!catalogue) return;
	await createCampaign(db, minister, crimea, {
		catalogueId: catalogue.id,
		title: `Меры органов управления образованием по итогам мониторинга, ${year}/${year + 1} учебный год`,
		startsOn: `${year}-09-01`,
		dueOn: `${year}-12-25`,
		scope: 'all'
	});
	const items = await db
		.select({ id: checklistItems.id, evidence: catalogueItems.evidence })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(eq(checklistItems.organizationId, saki.id))
		.orderBy(asc(catalogueItems.position));
	const byNote = items.filter((i) => i.evidence.note);
	for (const item of byNote.slice(0, 4))
		await updateItem(db, officer, saki, item.id, {
			status: 'done',
			note: 'Рассмотрено на совещании руководителей, протокол направлен в школы.'
		});
	for (const item of byNote.slice(4, 6))
		await updateItem(db, officer, saki, item.id, { status: 'in_progress' });
}

/** Contracts with the operator: one complete, one short of guarantees, one run out. */
async function seedContracts(
	db: Database,
	directors: Map<string, Actor>,
	bySlug: Map<string, Organization>,
	year: number
) {
	const contracts: [string, string, string, string, number][] = [
		[
			'veresaevskaya-sh',
			'ЭЖ-2024/17',
			`${year - 1}-08-25`,
			`${year + 1}-08-31`,
			guaranteeKeys.length
		],
		['geroyskaya-sh', 'ЭЖ-2024/21', `${year - 1}-08-28`, `${year + 1}-08-31`, 4],
		['ivanovskaya-sh', 'ЭЖ-2023/05', `${year - 2}-09-01`, `${year - 1}-08-31`, guaranteeKeys.length]
	];
	for (const [slug, number, signed, until, held] of contracts) {
		const school = bySlug.get(slug);
		const head = directors.get(slug);
		if (!school || !head) continue;
		await createContract(
			db,
			head,
			school,
			{
				counterparty: 'ООО «ЭлЖур»',
				counterpartyInn: '7707083893',
				title: '',
				number,
				documentDate: ddmmyyyy(signed),
				validUntil: ddmmyyyy(until),
				...Object.fromEntries(guaranteeKeys.slice(0, held).map((k) => [`g_${k}`, 'on']))
			},
			{ name: `договор-${number.replace('/', '-')}.pdf`, bytes: CONTRACT_PDF }
		);
	}
}

/** The district's log (002): the demo school's question answered, two others waiting. */
async function seedHelpRequests(
	db: Database,
	directors: Map<string, Actor>,
	officer: Actor,
	director: Actor,
	saki: Organization,
	bySlug: Map<string, Organization>
) {
	const demoSchool = bySlug.get(DEMO_SCHOOL_SLUG);
	if (demoSchool) {
		const asked = await createHelpRequest(db, director, demoSchool, {
			topic: 'lesson_plans',
			body: 'Как загрузить поурочно-тематическое планирование из файла, чтобы не вводить темы уроков вручную?'
		});
		await answerHelpRequest(db, officer, saki, asked.id, {
			answer:
				'В модуле «Классный журнал» откройте «Планирование» → «Импорт», выберите шаблон XLSX и загрузите файл. Консультации по вторникам и пятницам, 10:00–12:00 и 14:00–16:00.'
		});
	}
	const waiting: [string, string, string][] = [
		[
			'uyutnenskaya-sh',
			'teacher_training',
			'Просим провести обучение педагогов начальной школы работе с модулем «Классный журнал» на базе школы.'
		],
		[
			'shtormovskaya-sh',
			'final_marks',
			'Не выставляются итоговые отметки за четверть: система сообщает, что период закрыт.'
		]
	];
	for (const [slug, topic, body] of waiting) {
		const school = bySlug.get(slug);
		const head = directors.get(slug);
		if (school && head) await createHelpRequest(db, head, school, { topic, body });
	}
}
