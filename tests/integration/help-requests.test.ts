import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, helpRequests, notifications } from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { verifyChain } from '../../src/lib/server/audit/verify-chain';
import {
	answerHelpRequest,
	closeHelpRequest,
	createHelpRequest,
	helpLog,
	openHelpCount,
	parseHelpFilters,
	requestsOf
} from '../../src/lib/server/help-requests/help-requests';
import { exportHelpLog } from '../../src/lib/server/help-requests/export';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf, refusedWithoutChange } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;
const noFilter = { status: null, organizationId: null, topic: null };
const eventsOf = (entityId: string) =>
	db().select().from(auditEvents).where(eq(auditEvents.entityId, entityId));

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'help');
});
afterAll(async () => {
	await handle?.close();
});

let requestA: string;

describe('createHelpRequest', () => {
	it('files a school director’s request to the municipality above, audited and notified in one go', async () => {
		const r = await createHelpRequest(db(), f.actors.directorA, f.schoolA, {
			topic: 'current_marks',
			body: '  Не получается выставить отметки за контрольную.  '
		});
		requestA = r.id;
		expect(r).toMatchObject({
			organizationId: f.schoolA.id,
			authorityId: f.municipality.id,
			authorId: f.users.directorA.id,
			status: 'open',
			body: 'Не получается выставить отметки за контрольную.'
		});
		const events = await eventsOf(r.id);
		expect(events.map((e) => [e.action, e.chain])).toEqual([
			['help_request.created', f.schoolA.id]
		]);
		const sent = await db()
			.select()
			.from(notifications)
			.where(
				and(
					eq(notifications.kind, 'help_request'),
					eq(notifications.userId, f.users.municipalityAuthority.id)
				)
			);
		expect(sent).toHaveLength(1);
		expect(sent[0]!.link).toBe(`/app/orgs/${f.municipality.id}/help`);
		expect(await openHelpCount(db(), f.municipality.id)).toBe(1);
	});

	it('lets a working-group member ask, and a municipality ask its region', async () => {
		await createHelpRequest(db(), f.actors.memberA, f.schoolA, {
			topic: 'diary',
			body: 'Родители не видят дневник.'
		});
		const m = await createHelpRequest(db(), f.actors.municipalityAuthority, f.municipality, {
			topic: 'documents',
			body: 'Нужен образец приказа.'
		});
		expect(m.authorityId).toBe(f.region.id);
	});

	it('refuses staff, the authority above and strangers, writing nothing', async () => {
		for (const actor of [
			f.actors.staffA,
			f.actors.municipalityAuthority,
			f.actors.directorB,
			f.actors.otherMunicipalityAuthority
		])
			await refusedWithoutChange(db(), () =>
				createHelpRequest(db(), actor, f.schoolA, { topic: 'other', body: 'Текст' })
			).then((e) => expect(e).toBeInstanceOf(ForbiddenError));
		// A region has no authority above it.
		await expect(
			createHelpRequest(db(), f.actors.regionAuthority, f.region, { topic: 'other', body: 'Текст' })
		).rejects.toBeInstanceOf(ForbiddenError);
	});

	it('gives Russian messages next to the fields and stores nothing', async () => {
		const before = await db().$count(helpRequests);
		const empty = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				createHelpRequest(db(), f.actors.directorA, f.schoolA, { topic: 'nonsense', body: '   ' })
			)
		);
		expect(empty).toEqual({
			topic: 'Выберите тему обращения из списка.',
			body: 'Опишите, с чем нужна помощь.'
		});
		const long = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				createHelpRequest(db(), f.actors.directorA, f.schoolA, {
					topic: 'other',
					body: 'я'.repeat(5001)
				})
			)
		);
		expect(long).toEqual({ body: 'Не больше 5000 символов.' });
		await createHelpRequest(db(), f.actors.directorB, f.schoolB, {
			topic: 'other',
			body: 'я'.repeat(5000)
		});
		expect(await db().$count(helpRequests)).toBe(before + 1);
	});
});

describe('the log and its scope', () => {
	it('shows the municipality the requests of its schools only, with filters', async () => {
		const log = await helpLog(db(), f.municipality, noFilter);
		expect(log).toHaveLength(3);
		expect(new Set(log.map((r) => r.organizationId))).toEqual(
			new Set([f.schoolA.id, f.schoolB.id])
		);
		expect(await helpLog(db(), f.municipality, { ...noFilter, topic: 'diary' })).toHaveLength(1);
		expect(
			await helpLog(db(), f.municipality, { ...noFilter, organizationId: f.schoolB.id })
		).toHaveLength(1);
		expect(await helpLog(db(), f.otherMunicipality, noFilter)).toEqual([]);
		expect((await helpLog(db(), f.region, noFilter)).map((r) => r.organizationId)).toEqual([
			f.municipality.id
		]);
	});

	it('shows a school its own requests and never another school’s', async () => {
		expect(
			(await requestsOf(db(), f.schoolA)).every((r) => r.organizationId === f.schoolA.id)
		).toBe(true);
		expect(await requestsOf(db(), f.schoolB)).toHaveLength(1);
		expect(await requestsOf(db(), f.otherSchool)).toEqual([]);
	});

	it('reads nonsense filters as a message, not an error', () => {
		expect(parseHelpFilters(new URLSearchParams('status=open&topic=diary')).problem).toBeNull();
		const bad = parseHelpFilters(new URLSearchParams('status=x&org=1%27&topic=<b>'));
		expect(bad.problem).toMatch(/Фильтр не распознан/);
		expect(bad.filters).toEqual(noFilter);
	});

	it('exports exactly the filtered rows', async () => {
		const res = await exportHelpLog(db(), f.municipality, 'csv', {
			...noFilter,
			organizationId: f.schoolA.id
		});
		const lines = (await res.text()).trim().split('\r\n');
		expect(lines[0]).toContain('Дата обращения;Организация');
		expect(lines).toHaveLength(3);
	});
});

describe('answering and closing', () => {
	it('refuses a neighbouring municipality, the region and the school, writing nothing', async () => {
		await refusedWithoutChange(db(), () =>
			answerHelpRequest(db(), f.actors.regionAuthority, f.municipality, requestA, {
				answer: 'Ответ'
			})
		).then((e) => expect(e).toBeInstanceOf(ForbiddenError));
		await refusedWithoutChange(db(), () =>
			answerHelpRequest(db(), f.actors.directorA, f.municipality, requestA, { answer: 'Ответ' })
		).then((e) => expect(e).toBeInstanceOf(ForbiddenError));
		const other = fieldErrorsOf(
			await refusedWithoutChange(db(), () =>
				answerHelpRequest(
					db(),
					f.actors.otherMunicipalityAuthority,
					f.otherMunicipality,
					requestA,
					{ answer: 'Ответ' }
				)
			)
		);
		expect(other).toEqual({ form: 'Обращение не найдено.' });
		expect(
			fieldErrorsOf(
				await refusedWithoutChange(db(), () =>
					answerHelpRequest(db(), f.actors.municipalityAuthority, f.municipality, requestA, {
						answer: ' '
					})
				)
			)
		).toEqual({ answer: 'Напишите ответ.' });
	});

	it('answers, tells the asker and records who and when in the same transaction', async () => {
		await answerHelpRequest(db(), f.actors.municipalityAuthority, f.municipality, requestA, {
			answer: 'Откройте раздел «Отметки» и выберите урок.'
		});
		const [row] = await db().select().from(helpRequests).where(eq(helpRequests.id, requestA));
		expect(row).toMatchObject({
			status: 'answered',
			answer: 'Откройте раздел «Отметки» и выберите урок.',
			answeredBy: f.users.municipalityAuthority.id
		});
		expect(row!.answeredAt).toBeInstanceOf(Date);
		const events = await eventsOf(requestA);
		expect(events.map((e) => e.action)).toEqual(['help_request.created', 'help_request.answered']);
		expect(events[1]!.chain).toBe(f.municipality.id);
		const told = await db()
			.select()
			.from(notifications)
			.where(
				and(eq(notifications.kind, 'help_request'), eq(notifications.userId, f.users.directorA.id))
			);
		expect(told.map((n) => n.link)).toEqual([`/app/orgs/${f.schoolA.id}/help`]);
		const [mine] = (await requestsOf(db(), f.schoolA)).filter((r) => r.id === requestA);
		expect(mine).toMatchObject({
			answer: 'Откройте раздел «Отметки» и выберите урок.',
			answeredBy: f.users.municipalityAuthority.fullName
		});
		expect(await openHelpCount(db(), f.municipality.id)).toBe(2);
	});

	it('closes, and a closed request takes no answer', async () => {
		await closeHelpRequest(db(), f.actors.municipalityAuthority, f.municipality, requestA);
		expect(
			(await helpLog(db(), f.municipality, { ...noFilter, status: 'closed' })).map((r) => r.id)
		).toEqual([requestA]);
		expect(
			fieldErrorsOf(
				await refusedWithoutChange(db(), () =>
					answerHelpRequest(db(), f.actors.municipalityAuthority, f.municipality, requestA, {
						answer: 'Ещё'
					})
				)
			)
		).toEqual({ form: 'Обращение уже закрыто.' });
		await expect(
			closeHelpRequest(db(), f.actors.otherMunicipalityAuthority, f.municipality, requestA)
		).rejects.toBeInstanceOf(ForbiddenError);
		for (const chain of [f.schoolA.id, f.municipality.id])
			expect((await verifyChain(db(), chain)).ok).toBe(true);
	});
});
