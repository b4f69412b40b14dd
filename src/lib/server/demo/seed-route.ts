import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Database } from '../db';
import {
	discussions,
	documents,
	organizations,
	reviewDecisions,
	reviewRounds,
	users,
	type DocumentRow,
	type Organization
} from '../db/schema';
import { loadActor, type Actor } from '../auth/permissions';
import { generateSet, missingSetTemplates } from '../documents/generate-document';
import { loadTemplateContext } from '../templates/context';
import { defaultFormValues } from '../templates/variables';
import { findVersion } from '../documents/queries';
import { saveVersion } from '../documents/save-version';
import { addDays } from '../checklists/due-dates';
import { todayIn } from '../../format';
import { approvedByOrder } from '../../documents/classes';
import { addWorkingGroupMember } from '../workflow/working-group';
import { decideReview, submitDocument } from '../workflow/review';
import {
	answerComment,
	closeDiscussion,
	commentsOf,
	discussionOf,
	moderateComment,
	openDiscussion
} from '../workflow/discussion';
import { recordOpinion, requestOpinions } from '../workflow/councils';
import {
	approveDocuments,
	prepareApprovalOrder,
	signOrder,
	startNewEdition
} from '../workflow/approval';
import { registerRecord, signRecord } from '../documents/register-record';
import { createContract } from '../contracts/contracts';
import { signSimple } from '../signatures/sign';
import { updateOrganization } from '../orgs/save-organization';
import { guaranteeKeys } from '../../contracts/labels';
import { submitPublicComment } from '../public/submit-comment';
import { DEMO_SCHOOL_SLUG } from './demo-data';

import { PAPERLESS_JOURNAL_FORM } from '../timeline/rules';

/** A one-page PDF: the demo's minutes of the students' council. */
const MINUTES_PDF = new TextEncoder().encode(
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

/** What the director typed into «Сформировать комплект» for the demo school; every date fits the story below. */
function setForm(today: string): Record<string, string> {
	const d = (days: number) => addDays(today, days);
	const people = {
		chair: 'Петренко Олег Николаевич — Заместитель директора по УВР',
		secretary: 'Алиева Зарема Решатовна — Учитель информатики'
	};
	return {
		var_survey_date: d(-46),
		var_teachers_total: '42',
		var_teachers_confident: '30',
		var_teachers_basic: '9',
		var_teachers_trained: '36',
		var_teachers_ready: '38',
		var_classrooms_total: '28',
		var_classrooms_equipped: '24',
		var_staffroom_devices: '4',
		var_admin_devices: '6',
		var_computer_class_seats: '15',
		var_printers: '5',
		var_internet_speed: '100',
		var_journal_form: PAPERLESS_JOURNAL_FORM,
		var_security_responsible: people.secretary,
		var_protection_level: 'четвёртый',
		var_assessment_date: d(-43),
		var_destruction_chair: people.chair,
		var_destruction_members: `${people.secretary}\nГончаренко Людмила Петровна — Секретарь руководителя`,
		var_network: 'проводная и беспроводная (Wi-Fi)',
		var_responsible: people.chair,
		var_deputy: people.chair,
		var_administrator: people.secretary,
		var_secretary: people.secretary,
		var_archivist: 'Гончаренко Людмила Петровна — Секретарь руководителя',
		var_deadline: d(30),
		var_prep_start: d(-60),
		var_pilot_start: d(-20),
		var_paperless_date: STORY.transitionStart(today),
		var_roadmap_start: d(-60),
		var_roadmap_due: d(35),
		var_start_date: STORY.transitionStart(today),
		var_paperless_since: STORY.transitionStart(today),
		var_operator_name: 'ГБУ РК «Центр информационных технологий»',
		var_operator_address: '295000, Республика Крым, г. Симферополь, ул. Ленина, д. 1',
		var_operator: 'ГБУ РК «Центр информационных технологий»',
		var_operator_inn: '9102012347',
		var_operator_signatory: 'директор Смирнов А. В.',
		var_contract_party: 'ГБУ РК «Центр информационных технологий»',
		var_contract_number: CONTRACT.number,
		var_contract_date: d(CONTRACT.day),
		var_org_inn: '9107012340',
		var_pd_responsible: people.chair,
		var_analysis_date: d(-45),
		var_plan_date: d(-40),
		var_drafts_date: d(-30),
		var_end_date: d(60),
		var_transition_date: STORY.transitionStart(today),
		var_founder_agreement_number: FOUNDER.number,
		var_founder_agreement_date: d(FOUNDER.day),
		var_conditions_change: 'не меняются',
		var_notice_date: d(-30),
		var_change_date: STORY.transitionStart(today),
		var_staff:
			'Лысенко Анна Сергеевна — Учитель начальных классов\nПетренко Олег Николаевич — Заместитель директора по УВР'
	};
}

/** The story's dates, in days from today: each step after what it relies on. */
const FOUNDER = { number: '01-12/345', day: -50 };
const CONTRACT = { number: '17-ЭЖ', day: -45 };
const STORY = {
	transitionStart: (today: string) => addDays(today, 14),
	// Orders signed, in the order the journal numbers them: the group first, then the personal data, then the transition.
	orders: [
		['school-order-working-group', -60],
		['school-order-pd-responsible', -44],
		['school-order-transition', -40]
	] as [string, number][],
	// Records signed and registered on their day.
	records: {
		'school-readiness-analysis': -45,
		'school-agreement-pd-processing': -45,
		'school-act-protection-level': -43,
		'school-act-harm-assessment': -43,
		'school-notice-staff': -30
	} as Record<string, number>,
	review: -26,
	discussion: [-24, -10] as [number, number],
	councilsAsked: -9,
	adoptedByCouncil: -3,
	approvalOrder: -2
};

/** The councils' answers: the students' council and the trade union spoke; the parents' council let its term pass. */
const ANSWERS = [
	{ council: 'students', result: 'supports', day: -6, minutesNumber: '4' },
	{ council: 'workers', result: 'supports', day: -5, minutesNumber: '12' }
] as const;

/**
 * The demo school's story, every step through the domain functions: the founder agreed to a paperless
 * journal, the contract with the operator was signed, the working group was formed by order № 1-о, the
 * personal-data order and the transition order followed with their own numbers; the local acts and plans
 * were agreed by the group, the acts discussed publicly and sent to the councils (one let its term pass),
 * adopted by the pedagogical council and approved — acts and appendices — by one order, published. A new
 * edition of one rule is now in public discussion with proposals, another is under review.
 */
export async function seedDemoRoute(db: Database): Promise<void> {
	const [found] = await db
		.select()
		.from(organizations)
		.where(eq(organizations.slug, DEMO_SCHOOL_SLUG));
	if (!found) return;
	const actorOf = async (email: string) => {
		const [u] = await db.select().from(users).where(eq(users.email, email));
		return loadActor(db, u!);
	};
	const director = await actorOf('director@demo.test');
	const chair = await actorOf('member1@demo.test');
	const secretary = await actorOf('member2@demo.test');
	const today = todayIn(found.timeZone);
	const d = (days: number) => addDays(today, days);

	const school = await updateOrganization(db, director, found, {
		...profileOf(found),
		founderName: 'Администрация Сакского района Республики Крым',
		paperlessSince: STORY.transitionStart(today)
	});
	await registerRecord(
		db,
		director,
		school,
		{
			kind: 'founder_consent',
			title:
				'Согласие учредителя на ведение электронного журнала без дублирования на бумажном носителе',
			number: FOUNDER.number,
			documentDate: formatRu(d(FOUNDER.day)),
			place: '',
			effectiveDate: '',
			responsibleId: ''
		},
		{ name: 'согласие-учредителя.pdf', bytes: MINUTES_PDF }
	);
	await createContract(
		db,
		director,
		school,
		{
			counterparty: 'ГБУ РК «Центр информационных технологий»',
			counterpartyInn: '9102012347',
			title: 'Договор об оказании услуг по ведению электронного журнала',
			number: CONTRACT.number,
			documentDate: formatRu(d(CONTRACT.day)),
			validUntil: formatRu(d(320)),
			...Object.fromEntries(guaranteeKeys.map((k) => [`g_${k}`, 'on']))
		},
		{ name: 'договор-17-ЭЖ.pdf', bytes: MINUTES_PDF }
	);
	await addWorkingGroupMember(db, director, school, {
		userId: chair.id,
		role: 'chair',
		position: ''
	});
	await addWorkingGroupMember(db, director, school, {
		userId: secretary.id,
		role: 'secretary',
		position: ''
	});
	const scope = await loadTemplateContext(db, school);
	const defaults = Object.assign(
		{},
		...(await missingSetTemplates(db, school)).map((t) => defaultFormValues(t, scope))
	);
	const { created } = await generateSet(db, director, school, { ...defaults, ...setForm(today) });
	const byTemplate = new Map(created.map((doc) => [doc.templateId, doc]));

	for (const [templateId, day] of STORY.orders) {
		const doc = byTemplate.get(templateId);
		if (!doc) continue;
		await agree(db, school, doc, director, [chair, secretary], d(day - 1));
		await signOrder(db, director, school, doc.id, {
			series: '-о',
			orderDate: d(day),
			publish: 'on'
		});
	}
	for (const doc of created.filter((c) => c.documentClass === 'record'))
		if (doc.templateId && doc.templateId in STORY.records)
			await signRecord(db, director, school, doc.id, {
				documentDate: d(STORY.records[doc.templateId]!),
				number: ''
			});

	const routed = created.filter((c) => approvedByOrder(c.documentClass));
	for (const doc of routed) {
		await agree(db, school, doc, director, [chair, secretary], d(STORY.review));
		const [now] = await db.select().from(documents).where(eq(documents.id, doc.id));
		if (now!.status === 'discussion')
			await discussPublicly(
				db,
				school,
				doc,
				chair,
				d(STORY.discussion[0]),
				d(STORY.discussion[1]),
				[]
			);
		if (!now!.affectsStudents && !now!.affectsWorkers) continue;
		await requestOpinions(db, director, school, doc.id, { requestedOn: d(STORY.councilsAsked) });
		for (const a of ANSWERS)
			if (a.council === 'students' ? now!.affectsStudents : now!.affectsWorkers)
				await recordOpinion(
					db,
					director,
					school,
					doc.id,
					{
						council: a.council,
						result: a.result,
						answeredOn: d(a.day),
						minutesNumber: a.minutesNumber,
						note: ''
					},
					{ name: `протокол-${a.council}.pdf`, bytes: MINUTES_PDF }
				);
	}

	const order = {
		series: '-о',
		orderNumber: '',
		orderDate: d(STORY.approvalOrder),
		effectiveDate: d(3),
		publish: 'on',
		adoptedBody: 'pedagogical_council',
		adoptedMinutesNumber: '3',
		adoptedMinutesDate: d(STORY.adoptedByCouncil),
		var_repealed: '',
		var_acquaint_responsible: 'Петренко Олег Николаевич — Заместитель директора по УВР',
		var_acquaint_days: '5',
		var_site_responsible: 'Алиева Зарема Решатовна — Учитель информатики'
	};
	await approveDocuments(
		db,
		director,
		school,
		routed.map((r) => r.id),
		order,
		await prepareApprovalOrder(db, school, order)
	);

	await signPublished(db, director, school);

	const rules = routed.find((r) => r.templateId === 'school-rules-journal');
	if (rules) {
		const edition = await newEdition(
			db,
			school,
			director,
			rules,
			'Учитель выставляет отметку за урок в электронный журнал в день проведения урока, но не позднее 18:00.'
		);
		await agree(db, school, edition, director, [chair, secretary], d(-4));
		await discussPublicly(db, school, edition, chair, d(-3), d(11), [
			{
				authorName: 'Иваненко Светлана',
				authorRole: 'parent',
				body: 'Прошу уточнить, в какой срок учитель исправляет ошибочно выставленную отметку и сообщают ли об этом родителям.',
				answer:
					'Спасибо. Добавим в пункт 4.3: исправление — в течение одного рабочего дня с уведомлением в электронном дневнике.'
			},
			{
				authorName: 'Мустафаев Эмиль',
				authorRole: 'student',
				body: 'Можно ли, чтобы домашнее задание появлялось в дневнике сразу после урока, а не вечером?'
			}
		]);
	}
	const pd = routed.find((r) => r.templateId === 'school-regulation-personal-data');
	if (pd) {
		const edition = await newEdition(
			db,
			school,
			director,
			pd,
			'Доступ к персональным данным в электронном журнале прекращается в день увольнения работника.'
		);
		await submitDocument(db, director, school, edition.id);
		await decideReview(db, chair, school, edition.id, {
			version: '2',
			decision: 'approve',
			comment: ''
		});
	}
}

/** The head signs what she published (п. 18 Правил № 1802): the demo's acts in force are signed documents. */
async function signPublished(db: Database, director: Actor, school: Organization): Promise<void> {
	const unsigned = await db
		.select({ id: documents.id })
		.from(documents)
		.where(
			and(
				eq(documents.organizationId, school.id),
				eq(documents.status, 'published'),
				isNotNull(documents.approvedVersion),
				isNull(documents.signedAt)
			)
		)
		.orderBy(asc(documents.publishedAt), asc(documents.id));
	for (const doc of unsigned) await signSimple(db, director, school, doc.id);
}

/** The organisation's profile as the form would post it: every field kept, so one change leaves the rest. */
const profileOf = (org: Organization) => ({
	fullName: org.fullName,
	shortName: org.shortName,
	slug: org.slug,
	headName: org.headName,
	headPosition: org.headPosition,
	address: org.address,
	website: org.website,
	inn: org.inn,
	journalSystem: org.journalSystem,
	journalSystemOther: org.journalSystemOther,
	founderName: org.founderName,
	paperlessSince: org.paperlessSince,
	timeZone: org.timeZone
});

const formatRu = (iso: string) => iso.split('-').reverse().join('.');

/** The working group agrees the text; its round is dated on the story's day, so the approval sheet tells when. */
async function agree(
	db: Database,
	school: Organization,
	doc: DocumentRow,
	author: Actor,
	members: Actor[],
	day: string
) {
	await submitDocument(db, author, school, doc.id);
	const [fresh] = await db.select().from(documents).where(eq(documents.id, doc.id));
	for (const m of members)
		await decideReview(db, m, school, doc.id, {
			version: String(fresh!.currentVersion),
			decision: 'approve',
			comment: ''
		});
	const at = new Date(`${day}T10:00:00+03:00`);
	const rounds = await db
		.update(reviewRounds)
		.set({ openedAt: at, closedAt: at })
		.where(eq(reviewRounds.documentId, doc.id))
		.returning({ id: reviewRounds.id });
	await db
		.update(reviewDecisions)
		.set({ decidedAt: at })
		.where(
			inArray(
				reviewDecisions.roundId,
				rounds.map((r) => r.id)
			)
		);
}

async function newEdition(
	db: Database,
	school: Organization,
	director: Actor,
	doc: DocumentRow,
	addition: string
): Promise<DocumentRow> {
	const edition = await startNewEdition(db, director, school, doc.id);
	const v1 = await findVersion(db, edition.id, 1);
	await saveVersion(db, director, school, edition, {
		source: `${v1!.source}\n\n${addition}\n`,
		baseVersion: 1,
		note: 'Уточнение по итогам первого месяца работы'
	});
	const [fresh] = await db.select().from(documents).where(eq(documents.id, edition.id));
	return fresh!;
}

/**
 * Opens the discussion (the route allows only today or later), then dates it as it was held:
 * the demo tells a story that began before the database was made.
 */
async function discussPublicly(
	db: Database,
	school: Organization,
	doc: DocumentRow,
	chair: Actor,
	startsOn: string,
	endsOn: string,
	proposals: { authorName: string; authorRole: string; body: string; answer?: string }[]
) {
	const today = todayIn(school.timeZone);
	await openDiscussion(db, chair, school, doc.id, {
		startsOn: today,
		endsOn: endsOn > addDays(today, 7) ? endsOn : addDays(today, 7)
	});
	const d = (await discussionOf(db, doc.id))!;
	await db
		.update(discussions)
		.set({ startsOn, endsOn })
		.where(and(eq(discussions.id, d.id)));
	for (const [i, p] of proposals.entries())
		await submitPublicComment(db, doc.id, p, `192.0.2.${i + 10}`);
	for (const c of await commentsOf(db, d.id)) {
		const answer = proposals.find((p) => p.body === c.body)?.answer;
		if (!answer) continue;
		await moderateComment(db, chair, school, c.id, { verdict: 'publish', reason: '' });
		await answerComment(db, chair, school, c.id, { answer });
	}
	if (endsOn < today) await closeDiscussion(db, chair, school, doc.id);
}
