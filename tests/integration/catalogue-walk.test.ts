import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import {
	auditEvents,
	catalogueItems,
	checklistCatalogues,
	checklistItems,
	organizations,
	reviewRounds,
	users,
	type DocumentRow,
	type Organization
} from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { generateDocument } from '../../src/lib/server/documents/generate-document';
import {
	APPROVAL_ORDER_TEMPLATE,
	approveDocuments,
	prepareApprovalOrder
} from '../../src/lib/server/workflow/approval';
import { decideReview, submitDocument } from '../../src/lib/server/workflow/review';
import { todayIn } from '../../src/lib/format';
import { addWorkingGroupMember } from '../../src/lib/server/workflow/working-group';
import { registerRecord } from '../../src/lib/server/documents/register-record';
import { createContract } from '../../src/lib/server/contracts/contracts';
import { updateOrganization } from '../../src/lib/server/orgs/save-organization';
import { organizationFormDefaults, organizationInput } from '../../src/lib/server/orgs/validation';
import {
	readCatalogueFiles,
	type CatalogueFile
} from '../../src/lib/server/checklists/catalogue-file';
import { syncCatalogues } from '../../src/lib/server/checklists/sync-catalogues';
import { createCampaign } from '../../src/lib/server/checklists/campaigns';
import {
	completeItemsByProof,
	takeDocumentAsEvidence,
	type StoredProof
} from '../../src/lib/server/checklists/complete-by-proof';
import { updateItem } from '../../src/lib/server/checklists/update-item';
import { whatsNext } from '../../src/lib/server/checklists/whats-next';
import {
	proofEventLabels,
	proofProfileLabels,
	proofRegisterLabels,
	type ProofEvent,
	type ProofProfileField
} from '../../src/lib/checklists/proofs';
import { readTemplateLibrary } from '../../src/lib/server/templates/library';
import { guaranteeKeys } from '../../src/lib/contracts/labels';
import { buildFixture, grantRole, insertOrg, insertUser, type Fixture } from '../helpers/fixtures';
import { plausibleForm, samplePdf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const library = readTemplateLibrary();
const { catalogues } = readCatalogueFiles();

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'walk');
	expect((await syncCatalogues(handle.db)).problems).toEqual([]);
});
afterAll(async () => {
	await handle?.close();
});

let counter = 0;

/** A fresh organisation of the catalogue's level with its director, given this catalogue by the region. */
async function assigned(c: CatalogueFile): Promise<{ org: Organization; head: Actor }> {
	counter += 1;
	const parent = c.level === 'school' ? f.municipality : f.region;
	const org = await insertOrg(db(), parent, c.level, {
		shortName: `Обход ${counter}`,
		slug: `walk-${counter}`
	});
	const user = await insertUser(db(), {
		email: `walk-${counter}@example.test`,
		fullName: `Руководитель ${counter}`
	});
	await grantRole(db(), user, org, c.level === 'school' ? 'director' : 'authority');
	const [catalogue] = await db()
		.select()
		.from(checklistCatalogues)
		.where(and(eq(checklistCatalogues.code, c.id), eq(checklistCatalogues.version, c.version)));
	await createCampaign(db(), f.actors.regionAuthority, f.region, {
		catalogueId: catalogue!.id,
		title: `Обход ${c.id}`,
		startsOn: '2026-09-01',
		dueOn: '2026-12-25',
		scope: 'schools',
		schoolIds: [org.id]
	});
	return { org, head: await loadActor(db(), user) };
}

async function itemOf(org: Organization, code: string) {
	const [row] = await db()
		.select({ item: checklistItems })
		.from(checklistItems)
		.innerJoin(catalogueItems, eq(catalogueItems.id, checklistItems.catalogueItemId))
		.where(and(eq(checklistItems.organizationId, org.id), eq(catalogueItems.code, code)));
	return { ...row!.item, proof: row!.item.proof as StoredProof | null };
}

async function generate(org: Organization, head: Actor, templateId: string): Promise<DocumentRow> {
	const template = library.byId.get(templateId)!;
	// The approval order is made only by approving acts: approve a plan by it, and it proves its items as it is registered.
	if (templateId === APPROVAL_ORDER_TEMPLATE) {
		const member = await insertUser(db(), {
			email: `walk-member-${org.slug}@example.test`,
			fullName: `Член группы ${org.slug}`
		});
		await grantRole(db(), member, org, 'working_group');
		await addWorkingGroupMember(db(), head, org, {
			userId: member.id,
			role: 'chair',
			position: ''
		});
		const plan = await generate(
			org,
			head,
			org.kind === 'school' ? 'school-plan-roadmap' : 'municipality-plan-roadmap'
		);
		await submitDocument(db(), head, org, plan.id);
		const [round] = await db()
			.select()
			.from(reviewRounds)
			.where(eq(reviewRounds.documentId, plan.id));
		for (const reviewer of round!.reviewerIds) {
			const [u] = await db().select().from(users).where(eq(users.id, reviewer));
			await decideReview(db(), await loadActor(db(), u!), org, plan.id, {
				version: '1',
				decision: 'approve',
				comment: ''
			});
		}
		const raw = {
			orderDate: todayIn(org.timeZone),
			effectiveDate: '',
			publish: 'on',
			...plausibleForm(template.variables.filter((v) => v.source !== 'route')),
			var_repealed: ''
		};
		return (
			await approveDocuments(
				db(),
				head,
				org,
				[plan.id],
				raw,
				await prepareApprovalOrder(db(), org, raw)
			)
		).order;
	}
	return generateDocument(db(), head, org, templateId, {
		title: template.title,
		number: '',
		documentDate: '',
		place: '',
		effectiveDate: '',
		responsibleId: '',
		...plausibleForm(template.variables)
	});
}

/** An act that a route event is about: a draft of the organisation's own regulation. */
const actFor = (org: Organization, head: Actor) =>
	generate(
		org,
		head,
		org.kind === 'school' ? 'school-regulation-journal' : 'municipality-regulation-working-group'
	);

const profileValues: Record<ProofProfileField, Record<string, string>> = {
	journal_system: { journalSystem: 'eljur' },
	paperless_since: { paperlessSince: '01.09.2027' },
	website: { website: 'https://walk.example.test' },
	founder_name: {}
};

async function saveProfile(org: Organization, head: Actor, field: ProofProfileField) {
	const [row] = await db().select().from(organizations).where(eq(organizations.id, org.id));
	const current = organizationFormDefaults(
		Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, v == null ? '' : String(v)]))
	);
	const input = organizationInput.parse({ ...current, ...profileValues[field] });
	await updateOrganization(db(), head, row!, input);
}

// Every item of every catalogue, each way its evidence names: the proof made on a fresh
// organisation must complete the item with a link to it. An item nothing proves fails here.
for (const c of catalogues)
	describe(`${c.id} v${c.version}, item by item`, () => {
		for (const spec of c.items) {
			const e = spec.evidence;
			const ways = [
				...e.templates.map((t) => `шаблон ${t}`),
				...e.kinds.map((k) => `вид ${k}`),
				...e.events.map((k) => `событие ${k}`),
				...e.profile.map((k) => `профиль ${k}`),
				...e.register.map((k) => `реестр ${k}`)
			];
			it(`${spec.code} is proved by something${e.note ? ' (or a note)' : ''}`, () => {
				expect(ways.length > 0 || e.note, `${spec.code}: нечем подтвердить`).toBe(true);
			});
			for (const templateId of e.templates)
				it(`${spec.code}: a document from ${templateId} completes it`, async () => {
					const { org, head } = await assigned(c);
					const doc = await generate(org, head, templateId);
					// As the registering or approving transaction does.
					await db().transaction((tx) => takeDocumentAsEvidence(tx, head, doc));
					const item = await itemOf(org, spec.code);
					expect(item).toMatchObject({
						status: 'done',
						evidenceDocumentId: doc.id,
						proof: { kind: 'document', key: templateId }
					});
				});
			for (const kind of e.kinds)
				it(`${spec.code}: a registered document of kind ${kind} completes it`, async () => {
					const { org, head } = await assigned(c);
					const doc = await registerRecord(
						db(),
						head,
						org,
						{
							kind,
							title: `Документ вида ${kind}`,
							number: '1',
							documentDate: '01.10.2026',
							place: '',
							effectiveDate: '',
							responsibleId: ''
						},
						{ name: 'скан.pdf', bytes: samplePdf() }
					);
					expect(await itemOf(org, spec.code)).toMatchObject({
						status: 'done',
						evidenceDocumentId: doc.id,
						proof: { kind: 'document', key: kind }
					});
				});
			for (const key of e.events as ProofEvent[])
				it(`${spec.code}: the route event ${key} completes it`, async () => {
					const { org, head } = await assigned(c);
					const act = await actFor(org, head);
					await db().transaction((tx) =>
						completeItemsByProof(tx, head, org, { kind: 'event', key, document: act })
					);
					expect(await itemOf(org, spec.code)).toMatchObject({
						status: 'done',
						evidenceDocumentId: act.id,
						proof: { kind: 'event', key, label: `${proofEventLabels[key]}: «${act.title}»` }
					});
				});
			for (const key of e.profile as ProofProfileField[])
				it(`${spec.code}: the profile field ${key} completes it`, async () => {
					const { org, head } = await assigned(c);
					await saveProfile(org, head, key);
					expect(await itemOf(org, spec.code)).toMatchObject({
						status: 'done',
						proof: { kind: 'profile', key, label: proofProfileLabels[key] }
					});
				});
			for (const key of e.register)
				it(`${spec.code}: a contract in the register completes it`, async () => {
					const { org, head } = await assigned(c);
					const doc = await createContract(
						db(),
						head,
						org,
						{
							counterparty: 'ООО «ЭлЖур»',
							counterpartyInn: '7707083893',
							title: '',
							number: 'ЭЖ-1',
							documentDate: '20.08.2026',
							validUntil: '',
							...Object.fromEntries(guaranteeKeys.map((g) => [`g_${g}`, 'on']))
						},
						{ name: 'договор.pdf', bytes: samplePdf('договор') }
					);
					const item = await itemOf(org, spec.code);
					expect(item).toMatchObject({ status: 'done', evidenceDocumentId: doc.id });
					// A contract is also a document of kind «contract»: whichever came first proved it.
					expect(
						[
							proofRegisterLabels[key as keyof typeof proofRegisterLabels],
							`Документ «${doc.title}»`
						].some((l) => item.proof!.label.startsWith(l))
					).toBe(true);
				});
		}
	});

describe('the route and the profile complete items by themselves', () => {
	const crimea001 = catalogues.find((c) => c.id === 'crimea-001')!;

	it('the profile naming the journal system completes 001.4 once, with its history entry; an item done stays as it was', async () => {
		const { org, head } = await assigned(crimea001);
		await saveProfile(org, head, 'journal_system');
		const item = await itemOf(org, '001.4');
		expect(item).toMatchObject({
			status: 'done',
			proof: { kind: 'profile', key: 'journal_system' }
		});
		const history = await db()
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.entityId, item.id),
					eq(auditEvents.action, 'checklist_item.completed_by_proof')
				)
			);
		expect(history).toHaveLength(1);
		// A later proof (the transition order) leaves the done item alone.
		const order = await generate(org, head, 'school-order-transition');
		await db().transaction((tx) => takeDocumentAsEvidence(tx, head, order));
		expect(await itemOf(org, '001.4')).toEqual(item);
	});

	it('a proof that existed before the checklist was assigned completes the item on assignment', async () => {
		counter += 1;
		const org = await insertOrg(db(), f.municipality, 'school', {
			shortName: `Обход ${counter}`,
			slug: `walk-${counter}`,
			journalSystem: 'eljur'
		});
		const [catalogue] = await db()
			.select()
			.from(checklistCatalogues)
			.where(
				and(
					eq(checklistCatalogues.code, 'crimea-001'),
					eq(checklistCatalogues.version, crimea001.version)
				)
			);
		await createCampaign(db(), f.actors.regionAuthority, f.region, {
			catalogueId: catalogue!.id,
			title: 'Раньше доказанное',
			startsOn: '2026-09-01',
			dueOn: '2026-12-25',
			scope: 'schools',
			schoolIds: [org.id]
		});
		expect(await itemOf(org, '001.4')).toMatchObject({
			status: 'done',
			proof: { kind: 'profile', key: 'journal_system' }
		});
		expect(await itemOf(org, '001.5')).toMatchObject({ status: 'not_started', proof: null });
	});

	it('an item proved only by the route is not ticked by hand, and «Что дальше» names the step instead of an upload', async () => {
		const { org, head } = await assigned(crimea001);
		const item = await itemOf(org, '001.11');
		await expect(
			updateItem(db(), head, org, item.id, { status: 'done', note: 'Провели' })
		).rejects.toMatchObject({
			errors: { status: expect.stringContaining('общественное обсуждение проведено') }
		});
		await updateItem(db(), head, org, item.id, { dueOn: '2026-09-10' });
		const act = await actFor(org, head);
		const steps = await whatsNext(db(), org, head.id, '2026-10-01');
		const step = steps.find((s) => s.code === '001.11')!;
		expect(step.action.label).not.toMatch(/Загрузить/);
		expect(step.action).toEqual({
			label:
				'Отправьте проект локального акта по маршруту: после согласования рабочей группой проводится общественное обсуждение',
			href: `/app/orgs/${org.id}/documents`
		});
		const twelve = await itemOf(org, '001.12');
		await updateItem(db(), head, org, twelve.id, { dueOn: '2026-09-10' });
		const review = (await whatsNext(db(), org, head.id, '2026-10-01')).find(
			(s) => s.code === '001.12'
		)!;
		expect(review.action).toEqual({
			label: `Отправьте проект «${act.title}» на согласование рабочей группе`,
			href: `/app/orgs/${org.id}/documents/${act.id}`
		});
		// Done, it is no longer suggested.
		await db().transaction((tx) =>
			completeItemsByProof(tx, head, org, { kind: 'event', key: 'review_closed', document: act })
		);
		expect((await whatsNext(db(), org, head.id, '2026-10-01')).map((s) => s.code)).not.toContain(
			'001.12'
		);
	});
});
