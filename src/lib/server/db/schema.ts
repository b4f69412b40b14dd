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
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		uniqueIndex('organizations_slug_key').on(t.slug),
		index('organizations_parent_idx').on(t.parentId),
		index('organizations_path_idx').on(sql`${t.path} text_pattern_ops`)
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
	'other'
]);

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
		// The kind word when the template names its own (АНАЛИЗ, ГРАФИК…).
		kindTitle: text('kind_title'),
		title: text('title').notNull(),
		// The title as printed under the kind word: «О переходе на ведение…».
		heading: text('heading'),
		number: text('number'),
		documentDate: date('document_date', { mode: 'string' }),
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
		createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
		updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [
		index('documents_org_idx').on(t.organizationId, t.kind),
		index('documents_template_idx').on(t.organizationId, t.templateId)
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

export type Organization = typeof organizations.$inferSelect;
export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
export type Invitation = typeof invitations.$inferSelect;
export type AuditEvent = typeof auditEvents.$inferSelect;
export type DocumentRow = typeof documents.$inferSelect;
export type DocumentVersion = typeof documentVersions.$inferSelect;
export type StoredFile = typeof files.$inferSelect;
export type Contract = typeof contracts.$inferSelect;
export type OrganizationKind = (typeof organizationKind.enumValues)[number];
export type JournalSystem = (typeof journalSystem.enumValues)[number];
export type MembershipRole = (typeof membershipRole.enumValues)[number];
