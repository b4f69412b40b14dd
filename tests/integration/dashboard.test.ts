import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { documents, users, type Organization } from '../../src/lib/server/db/schema';
import { loadActor, type Actor } from '../../src/lib/server/auth/permissions';
import { DEMO_SCHOOL_SLUG } from '../../src/lib/server/demo/demo-data';
import { seedDemo } from '../../src/lib/server/demo/seed-demo';
import { findOrganizationBySlug } from '../../src/lib/server/orgs/queries';
import {
	loadDashboard,
	type DashboardCard,
	type DashboardLine
} from '../../src/lib/server/dashboard/load-dashboard';
import {
	acknowledgementStatus,
	mustAcknowledge,
	mustAcknowledgeCount
} from '../../src/lib/server/acknowledgements/queries';
import { contractWarnings } from '../../src/lib/server/contracts/contracts';
import { monitoringDashboard } from '../../src/lib/server/monitoring/dashboard';
import { helpLog } from '../../src/lib/server/help-requests/help-requests';
import { openTestDatabase } from '../helpers/test-db';

// The demo as the seed makes it: the same school, people and authorities the demo server shows.
let handle: DatabaseHandle;
const db = () => handle.db;
let school: Organization;
let saki: Organization;

async function actor(email: string): Promise<Actor> {
	const [user] = await db().select().from(users).where(eq(users.email, email));
	return loadActor(db(), user!);
}
async function cardOf(email: string, org: Organization, now?: Date): Promise<DashboardCard> {
	const { cards } = await loadDashboard(db(), await actor(email), now);
	return cards.find((c) => c.organization.id === org.id)!;
}
const all = (card: DashboardCard): DashboardLine[] => [
	...card.yours,
	...card.others,
	...card.deadlines
];
const kinds = (lines: DashboardLine[]) => lines.map((l) => l.kind);

beforeAll(async () => {
	handle = await openTestDatabase();
	vi.spyOn(console, 'log').mockImplementation(() => {});
	await seedDemo(handle.db);
	school = (await findOrganizationBySlug(handle.db, DEMO_SCHOOL_SLUG))!;
	saki = (await findOrganizationBySlug(handle.db, 'saki-rayon'))!;
}, 120_000);
afterAll(async () => {
	vi.restoreAllMocks();
	await handle?.close();
});

describe('the director', () => {
	it('is not asked to acknowledge an act she approved or an order she signed, and the menu count agrees', async () => {
		const director = await actor('director@demo.test');
		const own = await db()
			.select({ id: documents.id })
			.from(documents)
			.where(
				and(
					eq(documents.organizationId, school.id),
					eq(documents.status, 'published'),
					isNotNull(documents.publishedAt),
					eq(documents.approvedBy, director.id)
				)
			);
		expect(own.length, 'the demo director approves and signs the school’s acts').toBeGreaterThan(5);
		const pending = await mustAcknowledge(db(), director.id);
		for (const { id } of own) expect(pending.map((a) => a.id)).not.toContain(id);
		expect(await mustAcknowledgeCount(db(), director.id)).toBe(pending.length);

		const card = await cardOf('director@demo.test', school);
		expect(kinds(card.yours)).not.toContain('acknowledge');
		for (const { id } of own)
			expect(all(card).map((l) => l.href)).not.toContain(`/app/acknowledge/${id}`);
		// Nor is she among those counted on the act's own acknowledgement page.
		const status = await acknowledgementStatus(db(), school, {
			id: own[0]!.id,
			organizationId: school.id
		});
		expect(status.people.map((p) => p.userId)).not.toContain(director.id);
		expect(status.total).toBe(3);
	});

	it('sees progress as one summary line, the route waiting on others with who and since when, and short blocks', async () => {
		const card = await cardOf('director@demo.test', school);
		const progress = card.others.filter((l) => l.kind === 'acknowledgement-progress');
		expect(progress).toHaveLength(1);
		const published = await db().$count(
			documents,
			and(
				eq(documents.organizationId, school.id),
				eq(documents.status, 'published'),
				isNotNull(documents.publishedAt)
			)
		);
		expect(progress[0]!.text).toMatch(
			new RegExp(`^Ознакомлены 0 из ${published * 3} по ${published} актам$`)
		);
		expect(progress[0]!.href).toBe(`/app/orgs/${school.id}/acknowledgements`);

		const route = card.others.filter((l) => l.kind === 'route');
		expect(route.length).toBeGreaterThan(0);
		for (const l of route) expect(l.note).toMatch(/: .+ · ждёт с \d\d\.\d\d\.\d{4}/);
		expect(route.some((l) => l.remindDocId)).toBe(true);
		// She is not a reviewer: what waits on the group is the group's, not in «Ждёт вас».
		expect(card.yours.filter((l) => l.kind === 'route').map((l) => l.key)).toEqual([]);

		// The demo school lacks its site and INN: the director may fill them in.
		expect(card.yours.find((l) => l.kind === 'profile')).toMatchObject({
			action: { label: 'Заполнить профиль', href: `/app/orgs/${school.id}/edit` }
		});
		expect(card.deadlines.some((l) => l.kind === 'paperless')).toBe(true);
		expect(all(card).length).toBeLessThanOrEqual(14);
	});

	it('is warned about the operator contract once it has run out; the teacher is not', async () => {
		const later = new Date(Date.now() + 5 * 365 * 86_400_000);
		expect(await contractWarnings(db(), school, later)).not.toEqual([]);
		expect(kinds((await cardOf('director@demo.test', school, later)).yours)).toContain('contract');
		const teacher = await cardOf('teacher@demo.test', school, later);
		expect(kinds(all(teacher))).not.toContain('contract');
		expect(kinds(all(teacher))).not.toContain('profile');
	});
	it('is asked to form the working group only where there is none', async () => {
		expect(kinds((await cardOf('director@demo.test', school)).yours)).not.toContain(
			'working-group'
		);
		const other = (await findOrganizationBySlug(db(), 'uyutnenskaya-sh'))!;
		const card = await cardOf('director.uyutnenskaya-sh@demo.test', other);
		expect(card.yours.find((l) => l.kind === 'working-group')).toMatchObject({
			action: { label: 'Сформировать', href: `/app/orgs/${other.id}/working-group` }
		});
	});
});

describe('a member of the working group', () => {
	it('gets her own route steps with their buttons, acknowledgement as one line, and no warning she cannot act on', async () => {
		const card = await cardOf('member1@demo.test', school);
		const route = card.yours.filter((l) => l.kind === 'route');
		expect(route.length).toBeGreaterThan(0);
		for (const l of route)
			expect(l.action?.href).toMatch(new RegExp(`^/app/orgs/${school.id}/documents/`));
		const ack = card.yours.filter((l) => l.kind === 'acknowledge');
		const pending = await mustAcknowledge(db(), (await actor('member1@demo.test')).id);
		expect(pending.length).toBeGreaterThan(2);
		expect(ack).toEqual([
			expect.objectContaining({
				text: `${pending.length} локальных актов для ознакомления`,
				href: '/app/acknowledge'
			})
		]);
		expect(kinds(card.yours)).not.toContain('profile');
		// The director's figures are hers: no acknowledgement progress for a member.
		expect(kinds(card.others)).not.toContain('acknowledgement-progress');
	});
});

describe('the teacher', () => {
	it('sees what to acknowledge and the paperless day, and no warning about the profile or the operator contract', async () => {
		const card = await cardOf('teacher@demo.test', school);
		expect(kinds(card.yours)).toEqual(['acknowledge']);
		expect(card.yours[0]!.action).toEqual({ label: 'Ознакомиться', href: '/app/acknowledge' });
		expect(card.others).toEqual([]);
		expect(card.deadlines.find((l) => l.kind === 'paperless')).toMatchObject({
			dueOn: school.paperlessSince
		});
		for (const l of all(card)) expect(l.text).not.toMatch(/договор|профил/i);
	});
});

describe('the municipality', () => {
	it('is asked to answer the help requests, and sees lagging schools as one count, the same as monitoring', async () => {
		const officer = await actor('municipality@demo.test');
		const card = await cardOf('municipality@demo.test', saki);
		const open = await helpLog(db(), saki, { status: 'open', organizationId: null, topic: null });
		expect(open.length).toBe(2);
		const help = card.yours.filter((l) => l.kind === 'help');
		expect(help.map((l) => l.text.split(':')[0]).sort()).toEqual(
			open.map((h) => h.organization).sort()
		);
		for (const l of help)
			expect(l.action).toEqual({
				label: 'Ответить',
				href: `/app/orgs/${saki.id}/help?status=open`
			});

		const monitoring = await monitoringDashboard(
			db(),
			officer,
			saki,
			new URLSearchParams('overdue=1')
		);
		const lagging = card.yours.find((l) => l.key === 'lagging');
		if (monitoring.overview.totals.organizations)
			expect(lagging?.text).toMatch(
				new RegExp(
					`^${monitoring.overview.totals.organizations} школ[аы]? с просроченными пунктами`
				)
			);
		else expect(lagging).toBeUndefined();
		const everything = await monitoringDashboard(db(), officer, saki, new URLSearchParams());
		expect(card.figures).toMatchObject({
			averageProgress: everything.overview.totals.averageProgress,
			schools: everything.overview.totals.organizations
		});
		expect(all(card).length).toBeLessThanOrEqual(12);
	});

	it('the region sees counts, not a list of its schools', async () => {
		const krym = (await findOrganizationBySlug(db(), 'krym'))!;
		const card = await cardOf('region@demo.test', krym);
		expect(all(card).length).toBeLessThanOrEqual(12);
		expect(card.figures!.schools).toBeGreaterThan(3);
	});
});
