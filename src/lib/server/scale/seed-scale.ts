import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { catalogueItems, checklistCatalogues, organizations } from '../db/schema';
import { guaranteeKeys } from '../../contracts/labels';
import { addDays, itemDueDate } from '../checklists/due-dates';
import { syncCatalogues } from '../checklists/sync-catalogues';
import { assignTextFamilies } from '../public/text-families';
import {
	ADDED_SENTENCES,
	PROFILE_COUNT,
	renderSeedTexts,
	SCHOOL_TOKENS,
	SEED_ACTS_EFFECTIVE,
	SEED_SET
} from './seed-texts';

export interface ScaleOptions {
	schools: number;
	/** The first region's name; further regions are numbered. */
	regionName?: string;
	/** Prefix of every slug and of the user's address: one database may hold several runs. */
	run?: string;
	/** Schools per region at most: 1,000 is a large Russian region, 40,000 the country. */
	perRegion?: number;
	/** Same seed, same figures. */
	seed?: number;
	/**
	 * The templates' full texts (the default, for the public search), or a line each — for benchmarks of
	 * figures, where a million full texts would only cost time (bench:monitoring).
	 */
	fullTexts?: boolean;
	/** The day the data is «as of»: dates are spread around it. */
	today?: string;
	log?: (line: string) => void;
}

export interface ScaleResult {
	run: string;
	regions: { id: string; slug: string; schools: number }[];
	counts: Record<string, number>;
	steps: { step: string; ms: number }[];
	totalMs: number;
}

const CATALOGUE = { code: 'crimea-001', version: 1 };

const slugPart = (s: string) => /^[a-z0-9][a-z0-9-]{0,30}$/.test(s);

/**
 * Generates a country's worth of monitoring data in set-based SQL: regions, municipalities,
 * schools with profiles, one crimea-001 campaign per region with a checklist per school, ~25
 * documents per school, operator contracts, remarks and a last-activity audit event. Every
 * «random» figure is a hash of the run's seed and a row's number, so the same seed gives the
 * same data whatever plan or process order the database picks.
 */
export async function seedScale(db: Database, options: ScaleOptions): Promise<ScaleResult> {
	const { schools } = options;
	const run = options.run ?? 'scale';
	const perRegion = options.perRegion ?? 1000;
	const seed = options.seed ?? 1;
	const today = options.today ?? new Date().toISOString().slice(0, 10);
	const log = options.log ?? (() => {});
	if (!Number.isInteger(schools) || schools < 1 || schools > 200_000)
		throw new Error('--schools: целое число от 1 до 200 000');
	if (!Number.isInteger(perRegion) || perRegion < 1)
		throw new Error('perRegion: целое положительное число');
	if (!Number.isInteger(seed)) throw new Error('--seed: целое число');
	if (!slugPart(run))
		throw new Error('--run: латинские строчные буквы, цифры и дефис, до 31 знака');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('today: ГГГГ-ММ-ДД');

	const [existing] = await db
		.select({ slug: organizations.slug })
		.from(organizations)
		.where(like(organizations.slug, `${run}-r%`))
		.limit(1);
	if (existing)
		throw new Error(
			`В базе уже есть данные прогона «${run}» (${existing.slug}): выберите другое имя (--run) или пустую базу.`
		);

	const steps: ScaleResult['steps'] = [];
	const started = performance.now();
	const step = async (name: string, work: () => Promise<unknown>) => {
		const t = performance.now();
		await work();
		const ms = performance.now() - t;
		steps.push({ step: name, ms });
		log(`  ${name}: ${(ms / 1000).toFixed(1)} с`);
	};

	await step('каталоги', () => syncCatalogues(db));
	const [catalogue] = await db
		.select()
		.from(checklistCatalogues)
		.where(
			and(
				eq(checklistCatalogues.code, CATALOGUE.code),
				eq(checklistCatalogues.version, CATALOGUE.version)
			)
		);
	if (!catalogue)
		throw new Error(
			`Перечень ${CATALOGUE.code} v${CATALOGUE.version} не загружен: нет файла в catalogues/`
		);
	const items = await db
		.select()
		.from(catalogueItems)
		.where(and(eq(catalogueItems.catalogueId, catalogue.id), eq(catalogueItems.retired, false)))
		.orderBy(asc(catalogueItems.position));

	// The campaign started two months ago and ends in a month: early measures are overdue where not done.
	const startsOn = addDays(today, -60);
	const dueOn = addDays(today, 30);
	const itemRows = JSON.stringify(
		items.map((i) => ({ id: i.id, position: i.position, due: itemDueDate(i.due, startsOn, dueOn) }))
	);

	const n = (v: number) => sql.raw(String(v));
	// A uniform number in [0, 1) from the seed, a salt and a key: reproducible, plan-independent.
	const rnd = (salt: string, key: SQL) =>
		sql`((hashtext(${sql.raw(`'${seed}:${salt}:'`)} || (${key})::text) & 2147483647)::float8 / 2147483648.0)`;
	const regionName = options.regionName?.trim() || 'Масштабный регион';
	const seedTexts = await renderSeedTexts(today);
	const profileRows = JSON.stringify(seedTexts.profiles.map((p, i) => ({ i, ...p })));
	const roleOf = (id: string) =>
		(SEED_SET.acts as readonly string[]).includes(id)
			? 'act'
			: (SEED_SET.orders as readonly string[]).includes(id)
				? 'order'
				: id === SEED_SET.approvalOrder
					? 'approval'
					: 'record';
	const templateRows = seedTexts.templates.map((t, idx) => ({
		idx: idx + 1,
		id: t.id,
		role: roleOf(t.id),
		kind: t.kind,
		document_class: t.documentClass,
		title: t.title,
		heading: t.heading,
		kind_title: t.kind_title ?? null,
		hash: t.hash,
		signature: t.signature,
		affects_students: t.affects.includes('students'),
		affects_workers: t.affects.includes('workers')
	}));
	const textRows = seedTexts.texts.map((x) => {
		const idx = seedTexts.templates.findIndex((t) => t.id === x.templateId) + 1;
		const body =
			options.fullTexts === false
				? `${seedTexts.templates[idx - 1]!.title}: ${SCHOOL_TOKENS.shortName}.\n`
				: x.body;
		return { idx, profile: x.profile, body, variables: x.variables };
	});
	const guaranteesJson = sql.raw(
		`jsonb_build_object(${guaranteeKeys.map((k, i) => `'${k}', c.complete or ((hashtext('${seed}:g${i}:' || c.n) & 2147483647)::float8 / 2147483648.0) >= 0.4`).join(', ')})`
	);

	const result = await db.transaction(async (tx) => {
		await step('регионы', async () => {
			await tx.execute(sql`
				create temp table scale_region on commit drop as
				select g, gen_random_uuid() as id, gen_random_uuid() as campaign_id,
					${n(Math.floor(schools / Math.ceil(schools / perRegion)))} + (g <= ${n(schools % Math.ceil(schools / perRegion))})::int as schools
				from generate_series(1, ${n(Math.ceil(schools / perRegion))}) g`);
			// A region of 1,000 schools has 25–40 municipalities; a tiny one has at least two.
			await tx.execute(sql`
				alter table scale_region add column municipalities int, add column first_school int`);
			await tx.execute(sql`
				update scale_region r set
					municipalities = least(r.schools, greatest(2, round(r.schools / (25 + 15 * ${rnd('m', sql`r.g`)})))::int),
					first_school = coalesce((select sum(p.schools) from scale_region p where p.g < r.g), 0)::int`);
			await tx.execute(sql`
				insert into organizations (id, kind, parent_id, path, slug, full_name, short_name, address, time_zone)
				select id, 'region', null, '/' || id || '/', ${run}::text || '-r' || g,
					'Министерство образования: ' || case when g = 1 then ${regionName}::text else ${regionName}::text || ' ' || g end,
					case when g = 1 then ${regionName}::text else ${regionName}::text || ' ' || g end, null, 'Europe/Moscow'
				from scale_region`);
		});

		await step('муниципалитеты', async () => {
			await tx.execute(sql`
				create temp table scale_municipality on commit drop as
				select r.g as region_g, j, gen_random_uuid() as id, r.id as region_id
				from scale_region r cross join lateral generate_series(1, r.municipalities) j`);
			await tx.execute(sql`
				insert into organizations (id, kind, parent_id, path, slug, full_name, short_name, time_zone)
				select m.id, 'municipality', m.region_id, '/' || m.region_id || '/' || m.id || '/', ${run}::text || '-r' || m.region_g || '-m' || m.j,
					'Управление образования муниципального округа № ' || m.j, 'МО № ' || m.j || ' (регион ' || m.region_g || ')', 'Europe/Moscow'
				from scale_municipality m`);
		});

		await step('школы', async () => {
			// The first schools give every municipality one; the rest crowd into a few large ones, as cities do.
			await tx.execute(sql`
				create temp table scale_school on commit drop as
				select r.first_school + k as n, r.g as region_g, r.id as region_id, r.campaign_id,
					case when k <= r.municipalities then k else least(r.municipalities, 1 + floor(r.municipalities * power(${rnd('mu', sql`r.first_school + k`)}, 1.7))::int) end as j,
					gen_random_uuid() as id, gen_random_uuid() as checklist_id,
					${rnd('d', sql`r.first_school + k`)} as diligence,
					floor(${rnd('pf', sql`r.first_school + k`)} * ${n(PROFILE_COUNT)})::int as profile,
					${rnd('st', sql`r.first_school + k`)} as st,
					${rnd('pb', sql`r.first_school + k`)} as pb,
					${rnd('t', sql`r.first_school + k`)} as t,
					${rnd('la', sql`r.first_school + k`)} as la
				from scale_region r cross join lateral generate_series(1, r.schools) k`);
			await tx.execute(sql`
				alter table scale_school add column municipality_id uuid, add column last_activity timestamptz`);
			await tx.execute(sql`
				update scale_school s set municipality_id = m.id,
					-- Some schools have not moved for weeks: the dashboard's «no progress for N days».
					last_activity = date_trunc('milliseconds', ${today}::date + time '12:00' - make_interval(secs => s.la * s.la * 50 * 86400)) at time zone 'UTC'
				from scale_municipality m where m.region_g = s.region_g and m.j = s.j`);
			await tx.execute(sql`
				insert into organizations (id, kind, parent_id, path, slug, full_name, short_name, head_name, head_position, address, inn, journal_system, journal_system_other, paperless_since, founder_name, time_zone)
				select s.id, 'school', s.municipality_id, '/' || s.region_id || '/' || s.municipality_id || '/' || s.id || '/', ${run}::text || '-s' || s.n,
					'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ' || s.n || '»',
					'МБОУ «СОШ № ' || s.n || '»', p."headName", 'Директор', p.address,
					lpad(((9100000000::bigint + s.n))::text, 10, '0'),
					p."journalSystem"::journal_system, p."journalSystemOther", p."paperlessSince"::date, p."founderName", 'Europe/Moscow'
				from scale_school s
				join jsonb_to_recordset(${profileRows}::jsonb) as p(i int, "headName" text, address text, "journalSystem" text, "journalSystemOther" text, "paperlessSince" text, "founderName" text) on p.i = s.profile`);
		});

		let userId = '';
		await step('кампании и перечни', async () => {
			const [user] = rowsOf<{ id: string }>(
				await tx.execute(
					sql`insert into users (email, full_name, password_hash) values (${`${run}@scale.invalid`}, 'Методист (масштабные данные)', '!') returning id`
				)
			);
			userId = user!.id;
			await tx.execute(sql`
				insert into campaigns (id, authority_id, catalogue_id, title, starts_on, due_on, scope, created_by, created_at)
				select campaign_id, id, ${catalogue.id}, 'Переход на электронный журнал без бумажного дубля', ${startsOn}, ${dueOn}, '{"kind":"all","ids":[]}'::jsonb, ${userId}, ${startsOn}::date
				from scale_region`);
			await tx.execute(sql`
				insert into checklists (id, campaign_id, organization_id, catalogue_id, created_at)
				select checklist_id, campaign_id, id, ${catalogue.id}, ${startsOn}::date from scale_school`);
		});

		await step('пункты перечней', () =>
			// A diligent school has closed most of its measures; the early ones first.
			tx.execute(sql`
				insert into checklist_items (checklist_id, organization_id, catalogue_item_id, status, not_needed_reason, due_on, note, completed_at, updated_at)
				select s.checklist_id, s.id, ci.id, st.status::checklist_item_status,
					case when st.status = 'not_needed' then 'Не требуется: работаем в региональной системе' end,
					ci.due, null,
					case when st.status = 'done' then least(s.last_activity, ${startsOn}::date + make_interval(days => (st.p * 55)::int)) end,
					case when st.status = 'not_started' then ${startsOn}::date::timestamptz else least(s.last_activity, ${startsOn}::date + make_interval(days => (st.p * 58)::int)) end
				from scale_school s
				cross join jsonb_to_recordset(${itemRows}::jsonb) as ci(id uuid, position int, due date)
				cross join lateral (
					select p, case
						when p < s.diligence * (1.15 - ci.position / 40.0) then case when p < 0.03 then 'not_needed' else 'done' end
						when p < s.diligence * (1.15 - ci.position / 40.0) + 0.2 then 'in_progress'
						else 'not_started' end as status
					from (select ${rnd('it', sql`s.n * 100 + ci.position`)} as p) x
				) st`)
		);

		// A school's text: its profile's rendering with the school's own names put in.
		const schoolSource = sql`replace(replace(replace(replace(replace(x.body,
			${SCHOOL_TOKENS.fullName}, o.full_name), ${SCHOOL_TOKENS.shortName}, o.short_name), ${SCHOOL_TOKENS.inn}, o.inn),
			${SCHOOL_TOKENS.parentFullName}, m.full_name), ${SCHOOL_TOKENS.parentShortName}, m.short_name)`;
		const withSource = sql`from scale_document d
			join scale_template t on t.idx = d.idx
			join scale_text x on x.idx = d.idx and x.profile = d.profile
			join organizations o on o.id = d.organization_id
			join organizations m on m.id = o.parent_id`;
		const addedSentence = (alias: 'd' | 'u') =>
			sql`(${JSON.stringify(ADDED_SENTENCES)}::jsonb ->> (${sql.raw(alias)}.sentence - 1))`;
		await step('документы с текстами шаблонов', async () => {
			// lz4 where the server has it: a million texts compress several times faster than with pglz.
			await tx.execute(
				sql`select set_config('default_toast_compression', 'lz4', true) from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`
			);
			await tx.execute(sql`
				create temp table scale_template on commit drop as
				select * from jsonb_to_recordset(${JSON.stringify(templateRows)}::jsonb)
					as t(idx int, id text, role text, kind document_kind, document_class document_class, title text, heading text, kind_title text, hash text, signature text, affects_students boolean, affects_workers boolean)`);
			await tx.execute(sql`
				create temp table scale_text on commit drop as
				select * from jsonb_to_recordset(${JSON.stringify(textRows)}::jsonb) as t(idx int, profile int, body text, variables jsonb)`);
			// A school approves its acts together by one order (the set's route) or has them on one step of
			// the route; it signs its orders one by one; its records are registered or still drafts.
			await tx.execute(sql`
				create temp table scale_document on commit drop as
				select s.n, s.id as organization_id, s.profile, t.idx, t.role, gen_random_uuid() as id, x.*,
					case
						when t.role in ('act', 'approval') then case when x.stage = 'approved' then 'published' when t.role = 'approval' then null else x.stage end
						when t.role = 'order' then case when x.po < 0.5 + 0.5 * s.diligence then 'published' else 'draft' end
						else case when x.po < 0.4 + 0.6 * s.diligence then 'registered' else 'draft' end end as status,
					-- A school adds a sentence of its own to one act in thirty: its text is then its own.
					t.role = 'act' and x.pe < 0.03 as edited,
					case when x.pr < 0.002 then ${n(ADDED_SENTENCES.length)} else 1 + floor(x.ps * ${n(ADDED_SENTENCES.length - 1)})::int end as sentence
				from scale_school s
				cross join scale_template t
				cross join lateral (select
					case when s.st < 0.55 + 0.4 * s.diligence then 'approved'
						when s.st < 0.55 + 0.4 * s.diligence + 0.1 then 'approval'
						when s.st < 0.55 + 0.4 * s.diligence + 0.15 then 'discussion'
						when s.st < 0.55 + 0.4 * s.diligence + 0.2 then 'review' else 'draft' end as stage,
					s.pb >= 0.06 as public,
					${startsOn}::date + (s.t * 50)::int as approved_on,
					${startsOn}::date + (${rnd('od', sql`s.n * 100 + t.idx`)} * 55)::int as signed_on,
					${rnd('po', sql`s.n * 100 + t.idx`)} as po, ${rnd('pe', sql`s.n * 100 + t.idx`)} as pe,
					${rnd('pr', sql`s.n * 100 + t.idx`)} as pr, ${rnd('ps', sql`s.n * 100 + t.idx`)} as ps) x`);
			await tx.execute(sql`delete from scale_document where status is null`);
			// The hashes first, in the temporary table: the documents are then written once, with their approved text's hash.
			await tx.execute(sql`alter table scale_document add column sha1 text, add column sha2 text`);
			await tx.execute(sql`
				update scale_document u set sha1 = encode(sha256(convert_to(v.source, 'UTF8')), 'hex'),
					sha2 = case when u.edited and u.status = 'published' then encode(sha256(convert_to(v.source || ${'\n\n'} || ${addedSentence('u')}, 'UTF8')), 'hex') end
				from (select d.id, ${schoolSource} as source ${withSource}) v
				where v.id = u.id`);
			// Orders are numbered in the school's journal: the signed ones by their place in the set, the approval order after them.
			await tx.execute(sql`
				insert into documents (id, organization_id, kind, document_class, template_id, template_hash, title, heading, kind_title, signature, affects_students, affects_workers,
					number, registration_year, document_date, status, needs_approval, author_id, current_version, approved_version, approved_sha256, approved_at, approved_by,
					approval_order_number, approval_order_date, approval_order_id, effective_date, published_at, created_at, updated_at)
				select d.id, d.organization_id, t.kind, t.document_class, t.id, t.hash, t.title, t.heading, t.kind_title, t.signature, t.affects_students, t.affects_workers,
					case when t.role in ('order', 'approval') and d.status = 'published' then t.idx || '-о' when t.role = 'record' and d.status = 'registered' then t.idx || '-з' end,
					case when t.role in ('order', 'approval') and d.status = 'published' then extract(year from case when t.role = 'approval' then d.approved_on else d.signed_on end)::int end,
					case when t.role = 'act' then null when t.role = 'approval' then d.approved_on when d.status in ('published', 'registered') then d.signed_on end,
					d.status::document_status, t.role = 'act', ${userId}, case when d.edited and d.status = 'published' then 2 else 1 end,
					case when d.status = 'published' then case when d.edited then 2 else 1 end end,
					case when d.status = 'published' then coalesce(d.sha2, d.sha1) end,
					case when d.status = 'published' then (case when t.role = 'order' then d.signed_on else d.approved_on end) + time '10:00' end,
					case when d.status = 'published' then ${userId}::uuid end,
					case when t.role = 'act' and d.status = 'published' then ap.idx || '-о' end,
					case when t.role = 'act' and d.status = 'published' then d.approved_on end,
					case when t.role = 'act' and d.status = 'published' then ap_doc.id end,
					case when d.status = 'published' then case when t.role = 'order' then d.signed_on when t.role = 'approval' then d.approved_on else ${SEED_ACTS_EFFECTIVE(today)}::date end end,
					case when d.status = 'published' and (t.role = 'order' or d.public) then (case when t.role = 'order' then d.signed_on else d.approved_on end) + 2 + time '15:00' end,
					${startsOn}::date + (d.po * 20)::int, greatest(${startsOn}::date + (d.po * 20)::int, coalesce(d.approved_on, d.signed_on))
				from scale_document d
				join scale_template t on t.idx = d.idx
				cross join (select idx from scale_template where role = 'approval') ap
				left join scale_document ap_doc on ap_doc.n = d.n and ap_doc.idx = ap.idx`);
			// Published with the head's simple signature at once, as a school that keeps ч. 3 ст. 29 does.
			await tx.execute(sql`
				update documents x set signed_at = x.published_at
				from scale_document d where x.id = d.id and x.published_at is not null`);
			await tx.execute(sql`
				insert into document_versions (document_id, version, source, variables, template_hash, sha256, note, author_id, created_at)
				select v.document_id, 1, v.source, v.variables, v.hash, v.sha1, 'Сформирован по шаблону', ${userId}, ${startsOn}::date + (v.po * 20)::int
				from (
					select d.id as document_id, d.po, d.sha1, t.hash, x.variables, ${schoolSource} as source
					${withSource}
				) v`);
			await tx.execute(sql`
				insert into document_versions (document_id, version, source, template_hash, sha256, note, author_id, created_at)
				select d.id, 2, first.source || ${'\n\n'} || ${addedSentence('d')}, null, d.sha2, 'Дополнен школой перед утверждением', ${userId}, d.approved_on
				from scale_document d join document_versions first on first.document_id = d.id and first.version = 1
				where d.sha2 is not null`);
			await tx.execute(sql`
				insert into document_links (document_id, target_id, relation)
				select id, approval_order_id, 'approved_by' from documents d join scale_document s using (id) where d.approval_order_id is not null`);
			await assignTextFamilies(tx);
		});

		await step('договоры', async () => {
			// Three schools in four have an operator contract; six in ten of those with every guarantee.
			await tx.execute(sql`
				create temp table scale_contract on commit drop as
				select s.n, s.id as organization_id, gen_random_uuid() as id, ${rnd('cg', sql`s.n`)} < 0.6 as complete, ${rnd('cv', sql`s.n`)} as v
				from scale_school s where ${rnd('c', sql`s.n`)} < 0.75`);
			await tx.execute(sql`
				insert into documents (id, organization_id, kind, document_class, title, number, document_date, status, is_record, effective_date, created_at, updated_at)
				select id, organization_id, 'contract', 'record', 'Договор на оказание услуг электронного журнала', 'Д-' || n, date '2024-08-20', 'registered', true, date '2024-09-01', date '2024-08-20', date '2024-08-20'
				from scale_contract`);
			await tx.execute(sql`
				insert into contracts (document_id, organization_id, counterparty, counterparty_inn, valid_until, guarantees)
				select c.id, c.organization_id, 'ООО «Оператор журнала»', '7700000000',
					case when c.v < 0.1 then ${today}::date - 30 else ${today}::date + 300 end, ${guaranteesJson}
				from scale_contract c`);
		});

		await step('замечания', () =>
			tx.execute(sql`
				insert into remarks (checklist_item_id, organization_id, author_id, body, resolved_at, created_at)
				select i.id, i.organization_id, ${userId}, 'Приложите подтверждающий документ к пункту.',
					case when x.p < 0.02 then ${today}::date - 3 end, ${today}::date - (x.p * 400)::int
				from scale_school s
				join checklist_items i on i.checklist_id = s.checklist_id
				join catalogue_items ci on ci.id = i.catalogue_item_id
				cross join lateral (select ${rnd('rm', sql`s.n * 100 + ci.position`)} as p) x
				where x.p < 0.05`)
		);

		await step('журнал событий', () =>
			// One event per school, the head of its own chain, hashed exactly as recordEvent does.
			tx.execute(sql`
				insert into audit_events (chain, seq, occurred_at, actor_id, actor_name, organization_id, action, entity_type, entity_id, before, after, prev_hash, hash)
				select s.id::text, 1, s.last_activity, null, null, s.id, 'checklist_item.updated', 'checklist', s.checklist_id::text, null, null, ${'0'.repeat(64)},
					encode(sha256(convert_to(
						'{"action":"checklist_item.updated","actorId":null,"after":null,"before":null,"chain":"' || s.id || '","entityId":"' || s.checklist_id ||
						'","entityType":"checklist","occurredAt":"' || to_char(s.last_activity at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') ||
						'","organizationId":"' || s.id || '","prevHash":"' || ${'0'.repeat(64)} || '","seq":1}', 'UTF8')), 'hex')
				from scale_school s`)
		);

		const regions = rowsOf<ScaleResult['regions'][number]>(
			await tx.execute(
				sql`select r.id, ${run}::text || '-r' || r.g as slug, r.schools from scale_region r order by r.g`
			)
		);
		return { regions: regions.map((r) => ({ ...r, schools: Number(r.schools) })) };
	});

	// What autovacuum would soon do: planner statistics, and visibility maps for index-only scans.
	await step('vacuum analyze', () =>
		db.execute(
			sql`vacuum analyze organizations, users, campaigns, checklists, checklist_items, documents, document_versions, document_links, text_families, contracts, remarks, audit_events`
		)
	);

	const counted = await db.execute(sql`
		select
			(select count(*) from organizations where kind = 'region' and slug like ${`${run}-r%`}) as regions,
			(select count(*) from organizations where kind = 'municipality' and slug like ${`${run}-r%`}) as municipalities,
			(select count(*) from organizations where kind = 'school' and slug like ${`${run}-s%`}) as schools,
			(select count(*) from checklist_items i join organizations o on o.id = i.organization_id where o.slug like ${`${run}-s%`}) as items,
			(select count(*) from documents d join organizations o on o.id = d.organization_id where o.slug like ${`${run}-s%`}) as documents,
			(select count(*) from contracts c join organizations o on o.id = c.organization_id where o.slug like ${`${run}-s%`}) as contracts,
			(select count(*) from remarks r join organizations o on o.id = r.organization_id where o.slug like ${`${run}-s%`}) as remarks`);
	const counts = Object.fromEntries(
		Object.entries(rowsOf<Record<string, unknown>>(counted)[0] ?? {}).map(([k, v]) => [
			k,
			Number(v)
		])
	);
	return { run, regions: result.regions, counts, steps, totalMs: performance.now() - started };
}

/** postgres-js answers an array of rows, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
