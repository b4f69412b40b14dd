import { and, eq } from 'drizzle-orm';
import type { Database } from '../db';
import { discussions, documents, organizations, users, type DocumentRow, type Organization } from '../db/schema';
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
import { answerComment, closeDiscussion, commentsOf, discussionOf, moderateComment, openDiscussion } from '../workflow/discussion';
import { recordOpinion, requestOpinions, setRouteOptions } from '../workflow/councils';
import { approveDocuments, prepareApprovalOrder, startNewEdition } from '../workflow/approval';
import { submitPublicComment } from '../public/submit-comment';
import { DEMO_SCHOOL_SLUG } from './demo-data';

/** A one-page PDF: the demo's minutes of the students' council. */
const MINUTES_PDF = new TextEncoder().encode(
	['%PDF-1.4', '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj', '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj', '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj', 'trailer << /Root 1 0 R >>', '%%EOF', ''].join('\n')
);

/** What the director typed into «Сформировать комплект» for the demo school. */
function setForm(today: string): Record<string, string> {
	const d = (days: number) => addDays(today, days);
	const people = {
		chair: 'Петренко Олег Николаевич — Заместитель директора по УВР',
		secretary: 'Алиева Зарема Решатовна — Учитель информатики'
	};
	return {
		var_survey_date: d(-40), var_teachers_total: '42', var_teachers_confident: '30', var_teachers_basic: '9', var_teachers_trained: '36', var_teachers_ready: '38',
		var_classrooms_total: '28', var_classrooms_equipped: '24', var_staffroom_devices: '4', var_admin_devices: '6', var_computer_class_seats: '15', var_printers: '5', var_internet_speed: '100',
		var_network: 'проводная и беспроводная (Wi-Fi)', var_responsible: people.chair, var_deputy: people.chair, var_administrator: people.secretary, var_secretary: people.secretary,
		var_archivist: 'Гончаренко Людмила Петровна — Секретарь руководителя', var_deadline: d(30), var_prep_start: d(-60), var_pilot_start: d(-30), var_start_date: d(-60), var_due_date: d(35),
		var_operator_name: 'ГБУ РК «Центр информационных технологий»', var_operator_address: '295000, Республика Крым, г. Симферополь, ул. Ленина, д. 1', var_operator: 'ГБУ РК «Центр информационных технологий»',
		var_operator_inn: '9102012345', var_operator_signatory: 'директор Смирнов А. В.', var_contract_party: 'ГБУ РК «Центр информационных технологий»', var_contract_number: '17-ЭЖ', var_contract_date: d(-45),
		var_org_inn: '9107012340', var_pd_responsible: people.chair, var_analysis_date: d(-40), var_plan_date: d(-38), var_drafts_date: d(-30), var_end_date: d(60), var_notice_date: d(-2), var_change_date: d(14)
	};
}

/**
 * The demo school's acts have gone the whole route: the working group agreed them, the
 * regulation was discussed publicly and heard the councils, the director approved them all by
 * one order and published them. A new edition of one rule is now in public discussion with
 * proposals, and a new edition of another is under review — so a newcomer sees every stage.
 */
export async function seedDemoRoute(db: Database): Promise<void> {
	const [school] = await db.select().from(organizations).where(eq(organizations.slug, DEMO_SCHOOL_SLUG));
	if (!school) return;
	const actorOf = async (email: string) => {
		const [u] = await db.select().from(users).where(eq(users.email, email));
		return loadActor(db, u!);
	};
	const director = await actorOf('director@demo.test');
	const chair = await actorOf('member1@demo.test');
	const secretary = await actorOf('member2@demo.test');
	const today = todayIn(school.timeZone);

	await addWorkingGroupMember(db, director, school, { userId: chair.id, role: 'chair', position: '' });
	await addWorkingGroupMember(db, director, school, { userId: secretary.id, role: 'secretary', position: '' });
	const scope = await loadTemplateContext(db, school);
	const defaults = Object.assign({}, ...(await missingSetTemplates(db, school)).map((t) => defaultFormValues(t, scope)));
	const { created } = await generateSet(db, director, school, { ...defaults, ...setForm(today) });
	const routed = created.filter((d) => approvedByOrder(d.documentClass));

	for (const doc of routed) {
		const forStudents = doc.templateId === 'school-regulation-journal' || doc.templateId === 'school-rules-diary-service';
		if (forStudents) await setRouteOptions(db, director, school, doc.id, { affectsStudents: 'on', ackEveryone: 'on' });
		await agree(db, school, doc, director, [chair, secretary]);
		const [now] = await db.select().from(documents).where(eq(documents.id, doc.id));
		if (now!.status === 'discussion') await discussPublicly(db, school, doc, chair, addDays(today, -24), addDays(today, -10), []);
		if (forStudents) {
			// The students' council answered; the parents' council let its five working days pass.
			await requestOpinions(db, director, school, doc.id, { requestedOn: addDays(today, -9) });
			await recordOpinion(db, director, school, doc.id, { council: 'students', result: 'supports', answeredOn: addDays(today, -6), note: '' }, { name: 'протокол-совета-обучающихся.pdf', bytes: MINUTES_PDF });
		}
	}

	const order = {
		orderNumber: '112-о',
		orderDate: today,
		effectiveDate: addDays(today, 3),
		publish: 'on',
		var_councils_opinion: 'совета обучающихся (протокол от ' + formatRu(addDays(today, -6)) + '), совета родителей (мнение в установленный срок не представлено)',
		var_adopted_by: 'педагогического совета (протокол от ' + formatRu(addDays(today, -2)) + ' № 3)',
		var_acquaint_responsible: 'Петренко Олег Николаевич — Заместитель директора по УВР',
		var_acquaint_days: '5',
		var_site_responsible: 'Алиева Зарема Решатовна — Учитель информатики'
	};
	await approveDocuments(db, director, school, routed.map((d) => d.id), order, await prepareApprovalOrder(db, school, order));

	const rules = routed.find((d) => d.templateId === 'school-rules-journal');
	if (rules) {
		const edition = await newEdition(db, school, director, rules, 'Учитель выставляет отметку за урок в электронный журнал в день проведения урока, но не позднее 18:00.');
		await agree(db, school, edition, director, [chair, secretary]);
		await discussPublicly(db, school, edition, chair, addDays(today, -3), addDays(today, 11), [
			{ authorName: 'Иваненко Светлана', authorRole: 'parent', body: 'Прошу уточнить, в какой срок учитель исправляет ошибочно выставленную отметку и сообщают ли об этом родителям.', answer: 'Спасибо. Добавим в пункт 4.3: исправление — в течение одного рабочего дня с уведомлением в электронном дневнике.' },
			{ authorName: 'Мустафаев Эмиль', authorRole: 'student', body: 'Можно ли, чтобы домашнее задание появлялось в дневнике сразу после урока, а не вечером?' }
		]);
	}
	const pd = routed.find((d) => d.templateId === 'school-regulation-personal-data');
	if (pd) {
		const edition = await newEdition(db, school, director, pd, 'Доступ к персональным данным в электронном журнале прекращается в день увольнения работника.');
		await submitDocument(db, director, school, edition.id);
		await decideReview(db, chair, school, edition.id, { version: '2', decision: 'approve', comment: '' });
	}
}

const formatRu = (iso: string) => iso.split('-').reverse().join('.');

async function agree(db: Database, school: Organization, doc: DocumentRow, author: Actor, members: Actor[]) {
	await submitDocument(db, author, school, doc.id);
	const [fresh] = await db.select().from(documents).where(eq(documents.id, doc.id));
	for (const m of members) await decideReview(db, m, school, doc.id, { version: String(fresh!.currentVersion), decision: 'approve', comment: '' });
}

async function newEdition(db: Database, school: Organization, director: Actor, doc: DocumentRow, addition: string): Promise<DocumentRow> {
	const edition = await startNewEdition(db, director, school, doc.id);
	const v1 = await findVersion(db, edition.id, 1);
	await saveVersion(db, director, school, edition, { source: `${v1!.source}\n\n${addition}\n`, baseVersion: 1, note: 'Уточнение по итогам первого месяца работы' });
	const [fresh] = await db.select().from(documents).where(eq(documents.id, edition.id));
	return fresh!;
}

/**
 * Opens the discussion (the route allows only today or later), then dates it as it was held:
 * the demo tells a story that began before the database was made.
 */
async function discussPublicly(db: Database, school: Organization, doc: DocumentRow, chair: Actor, startsOn: string, endsOn: string, proposals: { authorName: string; authorRole: string; body: string; answer?: string }[]) {
	const today = todayIn(school.timeZone);
	await openDiscussion(db, chair, school, doc.id, { startsOn: today, endsOn: endsOn > today ? endsOn : today });
	const d = (await discussionOf(db, doc.id))!;
	await db.update(discussions).set({ startsOn, endsOn }).where(and(eq(discussions.id, d.id)));
	for (const [i, p] of proposals.entries()) await submitPublicComment(db, doc.id, p, `192.0.2.${i + 10}`);
	for (const c of await commentsOf(db, d.id)) {
		const answer = proposals.find((p) => p.body === c.body)?.answer;
		if (!answer) continue;
		await moderateComment(db, chair, school, c.id, { verdict: 'publish', reason: '' });
		await answerComment(db, chair, school, c.id, { answer });
	}
	if (endsOn < today) await closeDiscussion(db, chair, school, doc.id);
}
