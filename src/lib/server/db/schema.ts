import { sql } from 'drizzle-orm';
import {
	type AnyPgColumn,
	customType,
	bigint,
	boolean,
	date,
	index,
	integer,
	jsonb,
	pgEnum,
	pgTable,
	primaryKey,
	text,
	timestamp,
	uniqueIndex,
	uuid
} from 'drizzle-orm/pg-core';

export const organizationKind = pgEnum('organization_kind', ['region', 'municipality', 'school']);

export const journalSystem = pgEnum('journal_system', [
	'eljur',
	'dnevnik_ru',
	'ais_electronic_school',
	'netcity',
	'regional_gis',
	'fgis_my_school',
	'other'
]);

export const membershipRole = pgEnum('membership_role', [
	'authority',
	'director',
	'working_group',
	'staff'
]);

export const organizations = pgTable(
	'organizations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		kind: organizationKind('kind').notNull(),
		parentId: uuid('parent_id').references((): AnyPgColumn => organizations.id, {
			onDelete: 'restrict'
		}),
		// Materialised path "/<root id>/…/<own id>/": a prefix match finds every descendant.
		path: text('path').notNull(),
		slug: text('slug').notNull(),
		fullName: text('full_name').notNull(),
		shortName: text('short_name').notNull(),
		headName: text('head_name'),
		headPosition: text('head_position'),
		address: text('address'),
		website: text('website'),
		inn: text('inn'),
		journalSystem: journalSystem('journal_system'),
		journalSystemOther: text('journal_system_other'),
		paperlessSince: date('paperless_since', { mode: 'string' }),
		timeZone: text('time_zone').notNull().default('Europe/Moscow'),
		// An authority may open a public readiness page of the organisations under it (issue #6).
		readinessPublic: boolean('readiness_public').notNull().default(false),
		// The founder (учредитель), usually the municipality's administration: paperless mode needs its agreement (ч. 8 ст. 28 273-ФЗ).
		founderName: text('founder_name'),
		// Series of the orders' registration journal: «-о» main activity, «-к» personnel (ГОСТ Р 7.0.97-2016, п. 5.11).
		orderSeries: jsonb('order_series')
			.$type<{ suffix: string; title: string }[]>()
			.notNull()
			.default(
				sql`'[{"suffix":"-о","title":"по основной деятельности"},{"suffix":"-к","title":"по личному составу"}]'::jsonb`
			),
		// A region's own law on education, as cited in acts: «Закон Республики Крым от 06.07.2015 № 131-ЗРК/2015 «Об образовании в Республике Крым»».
		educationLaw: text('education_law'),
		// The shortest public discussion the organisation allows, in days.
		discussionMinDays: integer('discussion_min_days').notNull().default(7),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('organizations_slug_key').on(t.slug),
		index('organizations_parent_idx').on(t.parentId),
		index('organizations_path_idx').on(sql`${t.path} text_pattern_ops`),
		// The front page's counts of municipalities and schools under each region, from the index alone.
		index('organizations_kind_parent_idx').on(t.kind, t.parentId, t.id)
	]
);

export const users = pgTable(
	'users',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		email: text('email').notNull(),
		fullName: text('full_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		// Platform administrator: not tied to one organisation.
		isAdmin: boolean('is_admin').notNull().default(false),
		// Notification kinds this person reads only in the cabinet: no letter is queued for them.
		mailOffKinds: text('mail_off_kinds')
			.array()
			.notNull()
			.default(sql`'{}'::text[]`),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('users_email_key').on(t.email)]
);

export const sessions = pgTable(
	'sessions',
	{
		// SHA-256 of the token held in the cookie, hex-encoded; the token itself is never stored.
		id: text('id').primaryKey(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		userAgent: text('user_agent'),
		ipAddress: text('ip_address')
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

export const memberships = pgTable(
	'memberships',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		role: membershipRole('role').notNull(),
		position: text('position'),
		// The position in the cases a sentence needs (gen, dat, acc, ins, pre): pre-filled by rules, corrected by the director.
		positionForms:
			jsonb('position_forms').$type<
				Partial<Record<'gen' | 'dat' | 'acc' | 'ins' | 'pre', string>>
			>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('memberships_user_org_role_key').on(t.userId, t.organizationId, t.role),
		index('memberships_org_idx').on(t.organizationId)
	]
);

export const invitations = pgTable(
	'invitations',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id, { onDelete: 'cascade' }),
		email: text('email').notNull(),
		fullName: text('full_name'),
		role: membershipRole('role').notNull(),
		position: text('position'),
		invitedBy: uuid('invited_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		acceptedAt: timestamp('accepted_at', { withTimezone: true }),
		acceptedBy: uuid('accepted_by').references(() => users.id),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('invitations_token_key').on(t.tokenHash),
		index('invitations_org_idx').on(t.organizationId)
	]
);

export const passwordResets = pgTable(
	'password_resets',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		tokenHash: text('token_hash').notNull(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		issuedBy: uuid('issued_by')
			.notNull()
			.references(() => users.id),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('password_resets_token_key').on(t.tokenHash)]
);

// Failed sign-ins, kept in the database so that every app process sees the same counts.
export const loginFailures = pgTable(
	'login_failures',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		email: text('email').notNull(),
		ipAddress: text('ip_address').notNull(),
		failedAt: timestamp('failed_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('login_failures_email_idx').on(t.email, t.failedAt),
		index('login_failures_ip_idx').on(t.ipAddress, t.failedAt)
	]
);

/**
 * One row per form submission that creates something: the key comes with the form, so a retry or
 * a double click after a commit the user never saw finds the row and makes nothing twice.
 */
export const submissionKeys = pgTable(
	'submission_keys',
	{
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		scope: text('scope').notNull(),
		key: text('key').notNull(),
		result: jsonb('result').$type<Record<string, unknown>>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.userId, t.scope, t.key] })]
);

export const auditEvents = pgTable(
	'audit_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
		// One hash chain per organisation; events outside any organisation go to the 'platform' chain.
		chain: text('chain').notNull(),
		seq: integer('seq').notNull(),
		occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
		actorId: uuid('actor_id').references(() => users.id),
		actorName: text('actor_name'),
		organizationId: uuid('organization_id').references(() => organizations.id),
		action: text('action').notNull(),
		entityType: text('entity_type').notNull(),
		entityId: text('entity_id'),
		before: jsonb('before'),
		after: jsonb('after'),
		prevHash: text('prev_hash').notNull(),
		hash: text('hash').notNull()
	},
	(t) => [
		uniqueIndex('audit_events_chain_seq_key').on(t.chain, t.seq),
		index('audit_events_org_time_idx').on(t.organizationId, t.occurredAt),
		index('audit_events_entity_idx').on(t.entityType, t.entityId)
	]
);

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
	dataType: () => 'bytea',
	fromDriver: (v) => new Uint8Array(v)
});

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const documentKind = pgEnum('document_kind', [
	'order',
	'regulation',
	'rules',
	'procedure',
	'plan',
	'instruction',
	'contract',
	'agreement',
	'consent',
	'notice',
	'minutes',
	'statement',
	'acknowledgement_sheet',
	'other',
	'founder_consent',
	'letter',
	'record_act',
	'log',
	'memo',
	'report',
	'undertaking',
	'extract'
]);

// What a document is in records practice (ГОСТ Р 7.0.97-2016; ст. 30 273-ФЗ): an order is signed and
// registered with its own number; a local act is approved by an order; a plan or list is its appendix;
// a record (analysis, minutes, contract, consent, notice) is signed and registered.
export const documentClass = pgEnum('document_class', ['order', 'act', 'appendix', 'record']);

export const documentStatus = pgEnum('document_status', [
	'draft',
	'review',
	'discussion',
	'approval',
	'published',
	'superseded',
	'repealed',
	'registered'
]);

// Uploaded bytes live in the database (one backup holds everything); the sha-256 names the content.
export const files = pgTable(
	'files',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		name: text('name').notNull(),
		contentType: text('content_type').notNull(),
		size: integer('size').notNull(),
		sha256: text('sha256').notNull(),
		bytes: bytea('bytes').notNull(),
		uploadedBy: uuid('uploaded_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('files_org_idx').on(t.organizationId)]
);

export const documents = pgTable(
	'documents',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		kind: documentKind('kind').notNull(),
		documentClass: documentClass('document_class').notNull(),
		// The kind word when the template names its own (АНАЛИЗ, ГРАФИК…).
		kindTitle: text('kind_title'),
		title: text('title').notNull(),
		// The title as printed under the kind word: «О переходе на ведение…».
		heading: text('heading'),
		number: text('number'),
		documentDate: date('document_date', { mode: 'string' }),
		// An order's place in the registration journal: the series, the calendar year, the number in it.
		registrationSeries: text('registration_series'),
		registrationYear: integer('registration_year'),
		registrationSeq: integer('registration_seq'),
		// The first edition of the act this one is an edition of; null for a first edition.
		editionOf: uuid('edition_of').references((): AnyPgColumn => documents.id),
		place: text('place'),
		status: documentStatus('status').notNull(),
		// Registered records (signed contracts, notices, scans) do not go through the route.
		isRecord: boolean('is_record').notNull().default(false),
		authorId: uuid('author_id').references(() => users.id),
		responsibleId: uuid('responsible_id').references(() => users.id),
		effectiveDate: date('effective_date', { mode: 'string' }),
		templateId: text('template_id'),
		templateHash: text('template_hash'),
		needsApproval: boolean('needs_approval').notNull().default(false),
		signature: text('signature').notNull().default('none'),
		currentVersion: integer('current_version').notNull().default(1),
		supersededBy: uuid('superseded_by').references((): AnyPgColumn => documents.id),
		// ч. 3 ст. 30 273-ФЗ: an act touching these rights needs the councils' opinions before approval.
		affectsStudents: boolean('affects_students').notNull().default(false),
		affectsWorkers: boolean('affects_workers').notNull().default(false),
		// A council the template requires that the director lifted, with the written reason.
		councilWaivers: jsonb('council_waivers')
			.$type<Partial<Record<'students' | 'workers', string>>>()
			.notNull()
			.default({}),
		// ПРИНЯТО: the collegial body that adopted the act, and its minutes.
		adoptedBody: text('adopted_body'),
		adoptedMinutesNumber: text('adopted_minutes_number'),
		adoptedMinutesDate: date('adopted_minutes_date', { mode: 'string' }),
		// Approval by the director's order: the version approved is frozen by its number and sha-256.
		approvedVersion: integer('approved_version'),
		approvedSha256: text('approved_sha256'),
		approvalOrderNumber: text('approval_order_number'),
		approvalOrderDate: date('approval_order_date', { mode: 'string' }),
		approvalOrderId: uuid('approval_order_id').references((): AnyPgColumn => documents.id),
		// A plan or list approved as an appendix: its number among the order's appendices.
		appendixNumber: integer('appendix_number'),
		approvedAt: timestamp('approved_at', { withTimezone: true }),
		approvedBy: uuid('approved_by').references(() => users.id),
		// On the public portal from this moment (ч. 3 ст. 29 273-ФЗ: within 10 working days of approval).
		publishedAt: timestamp('published_at', { withTimezone: true }),
		// The approved version's first electronic signature (signatures/): with publishedAt, the end of that term.
		signedAt: timestamp('signed_at', { withTimezone: true }),
		// The public text this act shares with others (public/text-families.ts), given at publication.
		textFamilyId: uuid('text_family_id').references((): AnyPgColumn => textFamilies.id),
		repealOrderNumber: text('repeal_order_number'),
		repealOrderDate: date('repeal_order_date', { mode: 'string' }),
		endedAt: timestamp('ended_at', { withTimezone: true }),
		// Who must acknowledge the act once published; null means every person of the organisation.
		acknowledgementRoles: jsonb('acknowledgement_roles').$type<string[]>(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('documents_org_idx').on(t.organizationId, t.kind),
		index('documents_template_idx').on(t.organizationId, t.templateId),
		index('documents_public_idx').on(t.status, t.organizationId),
		// The public search's «этот текст у N организаций»: a text's members, newest publication first.
		index('documents_text_family_idx')
			.on(t.textFamilyId, t.publishedAt.desc().nullsLast(), t.id)
			.where(sql`${t.publishedAt} is not null`),
		// Published acts still without a text family: none, except just after publication or a restore.
		index('documents_text_family_missing_idx')
			.on(t.id)
			.where(sql`${t.publishedAt} is not null and ${t.textFamilyId} is null`),
		// Monitoring's «approved, not yet published and signed» (ч. 3 ст. 29 273-ФЗ): a few rows among a country's acts.
		index('documents_unpublished_idx')
			.on(t.organizationId)
			.where(
				sql`${t.approvedAt} is not null and (${t.publishedAt} is null or ${t.signedAt} is null)`
			),
		// «Недавно опубликовано» on the front page: the newest publications without a sort of them all.
		index('documents_published_at_idx')
			.on(t.publishedAt.desc().nullsLast(), t.id)
			.where(sql`${t.publishedAt} is not null`),
		// One edition in force per act: a new edition supersedes the old one before it comes into force.
		uniqueIndex('documents_one_in_force_key')
			.on(t.organizationId, t.templateId)
			.where(
				sql`${t.status} = 'published' and ${t.templateId} is not null and ${t.documentClass} in ('act', 'appendix')`
			),
		// An order's number is unique in the organisation's journal for its year.
		uniqueIndex('documents_order_number_key')
			.on(t.organizationId, t.registrationYear, t.number)
			.where(
				sql`${t.documentClass} = 'order' and ${t.number} is not null and ${t.registrationYear} is not null`
			),
		index('documents_edition_idx').on(t.editionOf)
	]
);

export const documentVersions = pgTable(
	'document_versions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		version: integer('version').notNull(),
		// Markdown of the text; null for a version that is only a file (a signed scan).
		source: text('source'),
		variables: jsonb('variables'),
		templateHash: text('template_hash'),
		fileId: uuid('file_id').references(() => files.id),
		sha256: text('sha256').notNull(),
		note: text('note'),
		authorId: uuid('author_id').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('document_versions_doc_version_key').on(t.documentId, t.version)]
);

/**
 * A published text and every act that publishes it: one model act published unchanged by many
 * organisations, or one act's own text. The public search matches and ranks these, not the acts, so
 * a country of schools adopting one regulation costs one row (public/text-families.ts).
 */
export const textFamilies = pgTable(
	'text_families',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		// «template:<id>:<template hash>:<md5 of the title>» for a model text unchanged, «text:<sha-256>» otherwise.
		key: text('key').notNull(),
		// The model act a text comes from, «template:<id>:<template hash>», edited or not; its own key for any other text.
		// The search shows one result per origin: the model text, and how many published it with changes.
		origin: text('origin').notNull(),
		kind: documentKind('kind').notNull(),
		title: text('title').notNull(),
		// The act whose text made the vector: the first published with this text.
		sampleDocumentId: uuid('sample_document_id').notNull(),
		// The title weighted A, the text D (PostgreSQL's `russian` configuration).
		searchVector: tsvector('search_vector').notNull(),
		// Published acts with this text, in force and no longer in force: kept by triggers on documents (migration 0013).
		inForce: integer('in_force').notNull().default(0),
		ended: integer('ended').notNull().default(0),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('text_families_key').on(t.key),
		index('text_families_origin_idx').on(t.origin),
		index('text_families_search_idx').using('gin', t.searchVector)
	]
);

export const documentLinks = pgTable(
	'document_links',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		targetId: uuid('target_id')
			.notNull()
			.references(() => documents.id),
		relation: text('relation').notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('document_links_key').on(t.documentId, t.targetId, t.relation)]
);

// The registration journal's counter per series and calendar year: taken with UPDATE … RETURNING in
// the registering transaction, so concurrent orders get distinct numbers and a rollback leaves no gap.
export const registrationCounters = pgTable(
	'registration_counters',
	{
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		series: text('series').notNull(),
		year: integer('year').notNull(),
		lastSeq: integer('last_seq').notNull()
	},
	(t) => [primaryKey({ columns: [t.organizationId, t.series, t.year] })]
);

// The operator contract's particulars; the contract itself is a registered document.
export const contracts = pgTable(
	'contracts',
	{
		documentId: uuid('document_id')
			.primaryKey()
			.references(() => documents.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		counterparty: text('counterparty').notNull(),
		counterpartyInn: text('counterparty_inn'),
		validUntil: date('valid_until', { mode: 'string' }),
		guarantees: jsonb('guarantees').$type<Record<string, boolean>>().notNull(),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('contracts_org_idx').on(t.organizationId)]
);

export const checklistItemStatus = pgEnum('checklist_item_status', [
	'not_started',
	'in_progress',
	'done',
	'not_needed'
]);

// A version of a list of measures. Repository catalogues are loaded from catalogues/*.yaml;
// a region may write its own (owner set) as a draft and publish it. Published versions never change.
export const checklistCatalogues = pgTable(
	'checklist_catalogues',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		code: text('code').notNull(),
		version: integer('version').notNull(),
		title: text('title').notNull(),
		level: organizationKind('level').notNull(),
		source: text('source'),
		issued: date('issued', { mode: 'string' }),
		ownerOrganizationId: uuid('owner_organization_id').references(() => organizations.id),
		publishedAt: timestamp('published_at', { withTimezone: true }),
		fileHash: text('file_hash'),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('checklist_catalogues_code_version_key').on(t.code, t.version)]
);

/** What proves a catalogue item: a document of a template or kind, a route event, a profile field, a register entry, or a note. */
export interface CatalogueEvidence {
	templates: string[];
	kinds: string[];
	events?: string[];
	profile?: string[];
	register?: string[];
	note: boolean;
}

export const catalogueItems = pgTable(
	'catalogue_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		catalogueId: uuid('catalogue_id')
			.notNull()
			.references(() => checklistCatalogues.id),
		code: text('code').notNull(),
		position: integer('position').notNull(),
		title: text('title').notNull(),
		description: text('description').notNull().default(''),
		category: text('category').notNull(),
		legalBasis: text('legal_basis').notNull().default(''),
		source: text('source').notNull().default(''),
		evidence: jsonb('evidence').$type<CatalogueEvidence>().notNull(),
		responsibleRole: membershipRole('responsible_role').notNull(),
		due: jsonb('due')
			.$type<{
				rule: 'campaign_due' | 'days_after_start' | 'days_before_due' | 'fixed';
				days?: number;
				date?: string;
			}>()
			.notNull(),
		retired: boolean('retired').notNull().default(false)
	},
	(t) => [uniqueIndex('catalogue_items_code_key').on(t.catalogueId, t.code)]
);

export const campaigns = pgTable(
	'campaigns',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		authorityId: uuid('authority_id')
			.notNull()
			.references(() => organizations.id),
		catalogueId: uuid('catalogue_id')
			.notNull()
			.references(() => checklistCatalogues.id),
		title: text('title').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		scope: jsonb('scope')
			.$type<{ kind: 'all' | 'municipality' | 'schools'; ids: string[] }>()
			.notNull(),
		createdBy: uuid('created_by').references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('campaigns_authority_idx').on(t.authorityId)]
);

export const checklists = pgTable(
	'checklists',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		campaignId: uuid('campaign_id')
			.notNull()
			.references(() => campaigns.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		catalogueId: uuid('catalogue_id')
			.notNull()
			.references(() => checklistCatalogues.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('checklists_campaign_org_key').on(t.campaignId, t.organizationId),
		index('checklists_org_idx').on(t.organizationId)
	]
);

export const checklistItems = pgTable(
	'checklist_items',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		checklistId: uuid('checklist_id')
			.notNull()
			.references(() => checklists.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		catalogueItemId: uuid('catalogue_item_id')
			.notNull()
			.references(() => catalogueItems.id),
		status: checklistItemStatus('status').notNull().default('not_started'),
		notNeededReason: text('not_needed_reason'),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		responsibleId: uuid('responsible_id').references(() => users.id),
		note: text('note'),
		evidenceDocumentId: uuid('evidence_document_id').references(() => documents.id),
		evidenceFileId: uuid('evidence_file_id').references(() => files.id),
		// What completed the item by itself: a route event, a profile field, a register entry.
		proof: jsonb('proof').$type<{ kind: string; label: string; eventId?: number }>(),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('checklist_items_key').on(t.checklistId, t.catalogueItemId),
		index('checklist_items_org_status_idx').on(t.organizationId, t.status, t.dueOn),
		index('checklist_items_responsible_idx').on(t.responsibleId, t.dueOn)
	]
);

export const remarks = pgTable(
	'remarks',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		checklistItemId: uuid('checklist_item_id')
			.notNull()
			.references(() => checklistItems.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		// A remark is opened by an authority; the school's answer points back at it.
		replyTo: uuid('reply_to').references((): AnyPgColumn => remarks.id),
		body: text('body').notNull(),
		resolvedAt: timestamp('resolved_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('remarks_item_idx').on(t.checklistItemId),
		index('remarks_org_idx').on(t.organizationId)
	]
);

export const notifications = pgTable(
	'notifications',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		organizationId: uuid('organization_id').references(() => organizations.id),
		checklistItemId: uuid('checklist_item_id').references(() => checklistItems.id),
		// For a route reminder: the act it is about (at most one a day per person and act).
		documentId: uuid('document_id').references(() => documents.id),
		kind: text('kind').notNull(),
		// For reminders: the due date they were about, so a moved deadline reminds again.
		aboutDate: date('about_date', { mode: 'string' }),
		title: text('title').notNull(),
		body: text('body').notNull(),
		link: text('link'),
		readAt: timestamp('read_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('notifications_reminder_key').on(t.checklistItemId, t.userId, t.kind, t.aboutDate),
		uniqueIndex('notifications_route_reminder_key')
			.on(t.documentId, t.userId, t.kind, t.aboutDate)
			.where(sql`${t.documentId} is not null`),
		index('notifications_user_idx').on(t.userId, t.readAt),
		index('notifications_user_time_idx').on(t.userId, t.createdAt)
	]
);

// Mail waiting to be sent (or kept, when no SMTP is configured); claimed with SKIP LOCKED.
export const outbox = pgTable(
	'outbox',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		notificationId: uuid('notification_id').references(() => notifications.id),
		toEmail: text('to_email').notNull(),
		subject: text('subject').notNull(),
		body: text('body').notNull(),
		status: text('status').notNull().default('pending'),
		attempts: integer('attempts').notNull().default(0),
		lastError: text('last_error'),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('outbox_status_idx').on(t.status, t.createdAt)]
);

export const workingGroupRole = pgEnum('working_group_role', ['chair', 'secretary', 'member']);

// The working group's composition over time: a change closes one row and opens another.
export const workingGroupMembers = pgTable(
	'working_group_members',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		role: workingGroupRole('role').notNull(),
		position: text('position'),
		addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
		removedAt: timestamp('removed_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('working_group_members_active_key')
			.on(t.organizationId, t.userId)
			.where(sql`${t.removedAt} is null`),
		uniqueIndex('working_group_members_chair_key')
			.on(t.organizationId, t.role)
			.where(sql`${t.removedAt} is null and ${t.role} in ('chair', 'secretary')`)
	]
);

// One review round: the working group decides on one fixed version.
export const reviewRounds = pgTable(
	'review_rounds',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		round: integer('round').notNull(),
		version: integer('version').notNull(),
		// The members asked to decide, fixed when the round opens.
		reviewerIds: jsonb('reviewer_ids').$type<string[]>().notNull(),
		openedBy: uuid('opened_by').references(() => users.id),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		outcome: text('outcome'),
		closeReason: text('close_reason'),
		closedBy: uuid('closed_by').references(() => users.id),
		closedAt: timestamp('closed_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('review_rounds_doc_round_key').on(t.documentId, t.round)]
);

export const reviewDecisions = pgTable(
	'review_decisions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		roundId: uuid('round_id')
			.notNull()
			.references(() => reviewRounds.id),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		decision: text('decision').notNull(),
		comment: text('comment'),
		decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [uniqueIndex('review_decisions_round_user_key').on(t.roundId, t.userId)]
);

// A remark on one paragraph of one version; it stays with that version.
export const paragraphComments = pgTable(
	'paragraph_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		version: integer('version').notNull(),
		paragraph: integer('paragraph').notNull(),
		quote: text('quote').notNull(),
		body: text('body').notNull(),
		authorId: uuid('author_id')
			.notNull()
			.references(() => users.id),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [index('paragraph_comments_doc_idx').on(t.documentId, t.version)]
);

export const discussions = pgTable(
	'discussions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		version: integer('version').notNull(),
		startsOn: date('starts_on', { mode: 'string' }).notNull(),
		endsOn: date('ends_on', { mode: 'string' }).notNull(),
		openedBy: uuid('opened_by').references(() => users.id),
		openedAt: timestamp('opened_at', { withTimezone: true }).notNull().defaultNow(),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		summaryDocumentId: uuid('summary_document_id').references((): AnyPgColumn => documents.id)
	},
	(t) => [
		index('discussions_doc_idx').on(t.documentId),
		index('discussions_org_idx').on(t.organizationId)
	]
);

export const publicCommentStatus = pgEnum('public_comment_status', [
	'pending',
	'published',
	'rejected'
]);

export const publicComments = pgTable(
	'public_comments',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		discussionId: uuid('discussion_id')
			.notNull()
			.references(() => discussions.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		authorName: text('author_name').notNull(),
		authorRole: text('author_role').notNull(),
		body: text('body').notNull(),
		// A keyed hash of the sender's address: enough to rate-limit, not enough to identify.
		addressHash: text('address_hash').notNull(),
		status: publicCommentStatus('status').notNull().default('pending'),
		rejectReason: text('reject_reason'),
		moderatedBy: uuid('moderated_by').references(() => users.id),
		moderatedAt: timestamp('moderated_at', { withTimezone: true }),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => users.id),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('public_comments_discussion_idx').on(t.discussionId, t.status),
		index('public_comments_address_idx').on(t.addressHash, t.createdAt)
	]
);

export const councilKind = pgEnum('council_kind', ['students', 'parents', 'workers']);
export const councilResult = pgEnum('council_result', [
	'supports',
	'remarks',
	'against',
	'no_answer',
	'not_formed'
]);

// ч. 3 ст. 30 273-ФЗ: the opinion of each council asked about an act.
export const councilOpinions = pgTable(
	'council_opinions',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		council: councilKind('council').notNull(),
		version: integer('version').notNull(),
		requestedOn: date('requested_on', { mode: 'string' }).notNull(),
		dueOn: date('due_on', { mode: 'string' }).notNull(),
		result: councilResult('result'),
		answeredOn: date('answered_on', { mode: 'string' }),
		// The council's minutes: «протокол от … № …» on the act's УЧТЕНО МНЕНИЕ.
		minutesNumber: text('minutes_number'),
		// The registered request (направление проекта) that started the term.
		requestDocumentId: uuid('request_document_id').references(() => documents.id),
		note: text('note'),
		fileId: uuid('file_id').references(() => files.id),
		recordedBy: uuid('recorded_by').references(() => users.id),
		recordedAt: timestamp('recorded_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('council_opinions_doc_council_key').on(t.documentId, t.council)]
);

export const signatureKind = pgEnum('signature_kind', ['simple', 'qualified']);

/**
 * An electronic signature of one approved version of a document (63-ФЗ): simple — the head's
 * deliberate step with her password re-entered (ст. 9); qualified — a detached CAdES over the same
 * bytes (ст. 5, 6), its blob and certificate kept. Either binds the signer as she was then and the
 * sha-256 of the text and of each signed file (signature_files); the key is what a reader types to check.
 */
export const signatures = pgTable(
	'signatures',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		version: integer('version').notNull(),
		kind: signatureKind('kind').notNull(),
		// «XXXX-XXXX-XXXX-XXXX» in Crockford's base32: 80 random bits a person can read and type.
		key: text('key').notNull(),
		signerId: uuid('signer_id')
			.notNull()
			.references(() => users.id),
		// As they were at the moment of signing: a later rename or promotion does not rewrite it.
		signerName: text('signer_name').notNull(),
		signerPosition: text('signer_position').notNull(),
		signedAt: timestamp('signed_at', { withTimezone: true }).notNull(),
		// The sha-256 of the approved Markdown source, as documents.approved_sha256.
		textSha256: text('text_sha256').notNull(),
		// A qualified signature only: the CMS (CAdES) blob and what its certificate says.
		cms: bytea('cms'),
		certificateSubject: jsonb('certificate_subject').$type<Record<string, string>>(),
		certificateValidFrom: timestamp('certificate_valid_from', { withTimezone: true }),
		certificateValidTo: timestamp('certificate_valid_to', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('signatures_key_key').on(t.key),
		uniqueIndex('signatures_doc_version_kind_key').on(t.documentId, t.version, t.kind)
	]
);

/** The files a signature covers, one per format: the stored bytes are the bytes served from then on. */
export const signatureFiles = pgTable(
	'signature_files',
	{
		signatureId: uuid('signature_id')
			.notNull()
			.references(() => signatures.id),
		format: text('format').notNull(),
		fileId: uuid('file_id')
			.notNull()
			.references(() => files.id),
		sha256: text('sha256').notNull()
	},
	(t) => [primaryKey({ columns: [t.signatureId, t.format] })]
);

export const acknowledgements = pgTable(
	'acknowledgements',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		documentId: uuid('document_id')
			.notNull()
			.references(() => documents.id),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		userId: uuid('user_id')
			.notNull()
			.references(() => users.id),
		version: integer('version').notNull(),
		acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('acknowledgements_key').on(t.documentId, t.userId, t.version),
		index('acknowledgements_org_idx').on(t.organizationId)
	]
);

export const helpRequestStatus = pgEnum('help_request_status', ['open', 'answered', 'closed']);

// 002: the district working group's log of requests for help — a school asks, the group answers.
export const helpRequests = pgTable(
	'help_requests',
	{
		id: uuid('id').primaryKey().defaultRandom(),
		// The school (or municipality) that asks.
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		// The authority whose working group answers: the one directly above the asker.
		authorityId: uuid('authority_id')
			.notNull()
			.references(() => organizations.id),
		authorId: uuid('author_id').references(() => users.id),
		topic: text('topic').notNull(),
		body: text('body').notNull(),
		status: helpRequestStatus('status').notNull().default('open'),
		answer: text('answer'),
		answeredBy: uuid('answered_by').references(() => users.id),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		closedAt: timestamp('closed_at', { withTimezone: true }),
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('help_requests_authority_idx').on(t.authorityId, t.status, t.createdAt),
		index('help_requests_org_idx').on(t.organizationId, t.createdAt)
	]
);

// One row a day per organisation: the figures progress over time is drawn from.
export const progressSnapshots = pgTable(
	'progress_snapshots',
	{
		day: date('day', { mode: 'string' }).notNull(),
		organizationId: uuid('organization_id')
			.notNull()
			.references(() => organizations.id),
		itemsTotal: integer('items_total').notNull(),
		itemsDone: integer('items_done').notNull(),
		itemsOverdue: integer('items_overdue').notNull(),
		actsPublished: integer('acts_published').notNull()
	},
	(t) => [
		primaryKey({ columns: [t.day, t.organizationId] }),
		index('progress_snapshots_org_idx').on(t.organizationId, t.day)
	]
);

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersion = typeof documentVersions.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type Signature = typeof signatures.$inferSelect;
export type Contract = typeof contracts.$inferSelect;
export type ChecklistCatalogue = typeof checklistCatalogues.$inferSelect;
export type CatalogueItem = typeof catalogueItems.$inferSelect;
export type Campaign = typeof campaigns.$inferSelect;
export type ChecklistItem = typeof checklistItems.$inferSelect;
export type WorkingGroupMember = typeof workingGroupMembers.$inferSelect;
export type ReviewRound = typeof reviewRounds.$inferSelect;
export type Discussion = typeof discussions.$inferSelect;
export type PublicComment = typeof publicComments.$inferSelect;
export type CouncilOpinion = typeof councilOpinions.$inferSelect;
export type OrganizationKind = (typeof organizationKind.enumValues)[number];
export type JournalSystem = (typeof journalSystem.enumValues)[number];
export type MembershipRole = (typeof membershipRole.enumValues)[number];
export type DocumentClass = (typeof documentClass.enumValues)[number];
