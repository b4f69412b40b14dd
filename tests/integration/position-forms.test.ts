import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/lib/server/db/index';
import { auditEvents, memberships } from '../../src/lib/server/db/schema';
import { ForbiddenError } from '../../src/lib/server/auth/permissions';
import { ValidationError } from '../../src/lib/server/forms/errors';
import {
	formsToShow,
	membershipWithForms,
	updatePositionForms
} from '../../src/lib/server/people/position-forms';
import { loadTemplateContext } from '../../src/lib/server/templates/context';
import { renderLiquid } from '../../src/lib/server/templates/engine';
import { buildFixture, type Fixture } from '../helpers/fixtures';
import { fieldErrorsOf } from '../helpers/documents';
import { openTestDatabase } from '../helpers/test-db';

let handle: DatabaseHandle;
let f: Fixture;
const db = () => handle.db;

beforeAll(async () => {
	handle = await openTestDatabase();
	f = await buildFixture(handle.db, 'cases');
});
afterAll(async () => {
	await handle?.close();
});

const memberId = () => f.memberships.memberA!;
const row = async () =>
	(await db().select().from(memberships).where(eq(memberships.id, memberId())))[0]!;

describe('the position and its cases on a person’s record', () => {
	it('shows the rules’ forms until the director corrects one, then keeps hers', async () => {
		const empty = await membershipWithForms(db(), f.schoolA, memberId());
		expect(formsToShow('Вожатый', empty!.forms).acc).toBe('вожатого');
		const saved = await updatePositionForms(db(), f.actors.directorA, f.schoolA, memberId(), {
			position: 'Вожатый',
			form_acc: 'вожатую',
			form_gen: '',
			form_dat: '',
			form_ins: '',
			form_pre: ''
		});
		expect(saved.forms).toMatchObject({ acc: 'вожатую', gen: 'вожатого' });
		expect((await row()).positionForms?.acc).toBe('вожатую');
		const audit = await db()
			.select()
			.from(auditEvents)
			.where(
				and(
					eq(auditEvents.entityId, memberId()),
					eq(auditEvents.action, 'membership.position_updated')
				)
			);
		expect(audit.length).toBe(1);
	});

	it('gives the kept form to every template of the organisation that names that position', async () => {
		const scope = await loadTemplateContext(db(), f.schoolA);
		expect(
			await renderLiquid('назначить {{ p | person_position: "acc" }}', {
				...scope,
				p: { full_name: 'Группова Алла Игоревна', position: 'Вожатый' }
			})
		).toBe('назначить вожатую');
	});

	it('refuses a too long form next to its field and changes nothing', async () => {
		const before = await row();
		const e = await updatePositionForms(db(), f.actors.directorA, f.schoolA, memberId(), {
			position: 'Вожатый',
			form_acc: 'я'.repeat(201)
		}).catch((x) => x);
		expect(e).toBeInstanceOf(ValidationError);
		expect(fieldErrorsOf(e).form_acc).toMatch(/не длиннее 200/);
		expect(await row()).toEqual(before);
	});

	it('lets only those who manage the school’s people change it, never another school’s director or a teacher', async () => {
		await expect(
			updatePositionForms(db(), f.actors.directorB, f.schoolA, memberId(), { position: 'Директор' })
		).rejects.toBeInstanceOf(ForbiddenError);
		await expect(
			updatePositionForms(db(), f.actors.staffA, f.schoolA, memberId(), { position: 'Директор' })
		).rejects.toBeInstanceOf(ForbiddenError);
		// Director B, in her own school, cannot reach a person of school A through it either.
		const e = await updatePositionForms(db(), f.actors.directorB, f.schoolB, memberId(), {
			position: 'Директор'
		}).catch((x) => x);
		expect(fieldErrorsOf(e).form).toMatch(/не найден/);
		expect(await membershipWithForms(db(), f.schoolB, memberId())).toBeNull();
		expect((await row()).position).toBe('Вожатый');
	});
});
