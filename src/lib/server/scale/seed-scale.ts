import { classOfKind } from '../../documents/classes';
import type { DocumentKind } from '../../documents/labels';
import { and, asc, eq, like, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';
import { catalogueItems, checklistCatalogues, organizations } from '../db/schema';
import { guaranteeKeys } from '../../contracts/labels';
import { addDays, itemDueDate } from '../checklists/due-dates';
import { syncCatalogues } from '../checklists/sync-catalogues';

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

// Kind, title and, for the personal-data set the dashboard checks, the template it comes from.
const documentTitles = [
	['order', 'О переходе на ведение электронного журнала без дублирования на бумаге', null],
	['regulation', 'Положение об электронном журнале успеваемости и электронном дневнике', null],
	['regulation', 'Положение о формах, периодичности и порядке текущего контроля успеваемости', null],
	['rules', 'Правила внутреннего распорядка обучающихся', null],
	['procedure', 'Порядок ведения электронного журнала', null],
	['plan', 'План-график перехода на электронный документооборот', null],
	['instruction', 'Инструкция для учителя по заполнению электронного журнала', null],
	['regulation', 'Положение об обработке персональных данных', 'school-regulation-personal-data'],
	['order', 'О назначении ответственного за организацию обработки персональных данных', 'school-order-pd-responsible'],
	['order', 'О создании рабочей группы', null],
	['consent', 'Согласие родителя на обработку персональных данных (форма)', 'school-consent-parent'],
	['notice', 'Уведомление родителей о переходе на электронный журнал', null],
	['regulation', 'Положение о внутренней системе оценки качества образования', null],
	['instruction', 'Инструкция по резервному копированию данных журнала', null],
	['agreement', 'Соглашение с оператором об обработке персональных данных по поручению', 'school-agreement-pd-processing']
] as const;

const journalSystems: [string, number][] = [
	['eljur', 0.1],
	['dnevnik_ru', 0.35],
	['ais_electronic_school', 0.5],
	['netcity', 0.6],
	['regional_gis', 0.8],
	['fgis_my_school', 0.95],
	['other', 0.98]
];

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
	if (!Number.isInteger(schools) || schools < 1 || schools > 200_000) throw new Error('--schools: целое число от 1 до 200 000');
	if (!Number.isInteger(perRegion) || perRegion < 1) throw new Error('perRegion: целое положительное число');
	if (!Number.isInteger(seed)) throw new Error('--seed: целое число');
	if (!slugPart(run)) throw new Error('--run: латинские строчные буквы, цифры и дефис, до 31 знака');
	if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new Error('today: ГГГГ-ММ-ДД');

	const [existing] = await db
		.select({ slug: organizations.slug })
		.from(organizations)
		.where(like(organizations.slug, `${run}-r%`))
		.limit(1);
	if (existing) throw new Error(`В базе уже есть данные прогона «${run}» (${existing.slug}): выберите другое имя (--run) или пустую базу.`);

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
		.where(and(eq(checklistCatalogues.code, CATALOGUE.code), eq(checklistCatalogues.version, CATALOGUE.version)));
	if (!catalogue) throw new Error(`Перечень ${CATALOGUE.code} v${CATALOGUE.version} не загружен: нет файла в catalogues/`);
	const items = await db
		.select()
		.from(catalogueItems)
		.where(and(eq(catalogueItems.catalogueId, catalogue.id), eq(catalogueItems.retired, false)))
		.orderBy(asc(catalogueItems.position));

	// The campaign started two months ago and ends in a month: early measures are overdue where not done.
	const startsOn = addDays(today, -60);
	const dueOn = addDays(today, 30);
	const itemRows = JSON.stringify(items.map((i) => ({ id: i.id, position: i.position, due: itemDueDate(i.due, startsOn, dueOn) })));

	const n = (v: number) => sql.raw(String(v));
	// A uniform number in [0, 1) from the seed, a salt and a key: reproducible, plan-independent.
	const rnd = (salt: string, key: SQL) => sql`((hashtext(${sql.raw(`'${seed}:${salt}:'`)} || (${key})::text) & 2147483647)::float8 / 2147483648.0)`;
	const regionName = options.regionName?.trim() || 'Масштабный регион';
	const journalCase = sql.raw(
		`case ${journalSystems.map(([name, upTo]) => `when s.js < ${upTo} then '${name}'::journal_system`).join(' ')} else null end`
	);
	const titleArray = (i: 0 | 1 | 2) => sql.raw(`array[${documentTitles.map((t) => (t[i] ? `'${t[i]}'` : 'null')).join(',')}]::text[]`);
	const classArray = sql.raw(`array[${documentTitles.map((t) => `'${classOfKind[t[0] as DocumentKind]}'`).join(',')}]::text[]`);
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
					${rnd('js', sql`r.first_school + k`)} as js,
					${rnd('pl', sql`r.first_school + k`)} as pl,
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
				insert into organizations (id, kind, parent_id, path, slug, full_name, short_name, head_name, head_position, address, inn, journal_system, journal_system_other, paperless_since, time_zone)
				select s.id, 'school', s.municipality_id, '/' || s.region_id || '/' || s.municipality_id || '/' || s.id || '/', ${run}::text || '-s' || s.n,
					'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № ' || s.n || '»',
					'МБОУ «СОШ № ' || s.n || '»', 'Директор школы № ' || s.n, 'Директор', 'ул. Школьная, ' || (s.n % 200 + 1),
					lpad(((9100000000::bigint + s.n))::text, 10, '0'),
					${journalCase}, case when s.js >= 0.95 and s.js < 0.98 then 'Информационная система собственной разработки' end,
					case when s.pl < 0.4 then (date '2023-09-01' + (s.pl * 2.5 * 365)::int) end, 'Europe/Moscow'
				from scale_school s`);
		});

		let userId = '';
		await step('кампании и перечни', async () => {
			const [user] = rowsOf<{ id: string }>(
				await tx.execute(sql`insert into users (email, full_name, password_hash) values (${`${run}@scale.invalid`}, 'Методист (масштабные данные)', '!') returning id`)
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

		await step('документы', async () => {
			await tx.execute(sql`
				create temp table scale_document on commit drop as
				select s.n, s.id as organization_id, d, gen_random_uuid() as id, ${rnd('ds', sql`s.n * 100 + d`)} as p, ${rnd('dt', sql`s.n * 100 + d`)} as t, s.diligence
				from scale_school s cross join lateral generate_series(1, 20 + floor(${rnd('dc', sql`s.n`)} * 11)::int) d`);
			// Published 45 % (one in ten of them approved but not on the portal), approval, review and discussion 25 %, drafts the rest.
			await tx.execute(sql`
				insert into documents (id, organization_id, kind, document_class, template_id, title, number, document_date, status, needs_approval, approved_version, approved_sha256,
					approval_order_number, approval_order_date, approved_at, published_at, created_at, updated_at)
				select x.id, x.organization_id, (${titleArray(0)})[1 + (x.d - 1) % ${n(documentTitles.length)}]::document_kind,
					(${classArray})[1 + (x.d - 1) % ${n(documentTitles.length)}]::document_class,
					case when x.d <= ${n(documentTitles.length)} then (${titleArray(2)})[x.d] end,
					(${titleArray(1)})[1 + (x.d - 1) % ${n(documentTitles.length)}] || case when x.d > ${n(documentTitles.length)} then ' (ред. ' || x.d || ')' else '' end,
					x.d || '-о', ${startsOn}::date + (x.t * 50)::int, x.status::document_status, true,
					case when x.status = 'published' then 1 end,
					case when x.status = 'published' then md5(x.id::text) || md5(x.id::text) end,
					case when x.status = 'published' then x.d || '-о' end,
					case when x.status = 'published' then ${startsOn}::date + (x.t * 50)::int end,
					case when x.status = 'published' then ${startsOn}::date + (x.t * 50)::int + time '10:00' end,
					case when x.status = 'published' and x.p >= 0.045 then ${startsOn}::date + (x.t * 50)::int + (x.p * 30)::int + time '15:00' end,
					${startsOn}::date + (x.t * 40)::int, ${startsOn}::date + (x.t * 50)::int
				from (select *, case
						when p < 0.45 * (0.5 + diligence) then 'published'
						when p < 0.45 * (0.5 + diligence) + 0.1 then 'approval'
						when p < 0.45 * (0.5 + diligence) + 0.2 then 'review'
						when p < 0.45 * (0.5 + diligence) + 0.25 then 'discussion'
						else 'draft' end as status
					from scale_document) x`);
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

		const regions = rowsOf<ScaleResult['regions'][number]>(await tx.execute(sql`select r.id, ${run}::text || '-r' || r.g as slug, r.schools from scale_region r order by r.g`));
		return { regions: regions.map((r) => ({ ...r, schools: Number(r.schools) })) };
	});

	// What autovacuum would soon do: planner statistics, and visibility maps for index-only scans.
	await step('vacuum analyze', () => db.execute(sql`vacuum analyze organizations, users, campaigns, checklists, checklist_items, documents, contracts, remarks, audit_events`));

	const counted = await db.execute(sql`
		select
			(select count(*) from organizations where kind = 'region' and slug like ${`${run}-r%`}) as regions,
			(select count(*) from organizations where kind = 'municipality' and slug like ${`${run}-r%`}) as municipalities,
			(select count(*) from organizations where kind = 'school' and slug like ${`${run}-s%`}) as schools,
			(select count(*) from checklist_items i join organizations o on o.id = i.organization_id where o.slug like ${`${run}-s%`}) as items,
			(select count(*) from documents d join organizations o on o.id = d.organization_id where o.slug like ${`${run}-s%`}) as documents,
			(select count(*) from contracts c join organizations o on o.id = c.organization_id where o.slug like ${`${run}-s%`}) as contracts,
			(select count(*) from remarks r join organizations o on o.id = r.organization_id where o.slug like ${`${run}-s%`}) as remarks`);
	const counts = Object.fromEntries(Object.entries(rowsOf<Record<string, unknown>>(counted)[0] ?? {}).map(([k, v]) => [k, Number(v)]));
	return { run, regions: result.regions, counts, steps, totalMs: performance.now() - started };
}

/** postgres-js answers an array of rows, PGlite an object with `rows`. */
function rowsOf<T>(result: unknown): T[] {
	return Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);
}
