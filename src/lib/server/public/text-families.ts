import { sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db';

/**
 * Which published text an act publishes. A model act published exactly as the template made it (the
 * approved version's text is version 1's) shares its text with every organisation that did the same,
 * whatever names and values the template filled in: «template:<id>:<template hash>:<md5 of the title>».
 * Any other act — edited, uploaded, written by hand — is its own text: «text:<approved sha-256>».
 * Aliases: `d` the document, `av` its approved version, `v1` its first version.
 */
const familyKey = sql.raw(`case
	when d.template_id is not null and d.template_hash is not null and v1.template_hash = d.template_hash and av.sha256 = v1.sha256
		then 'template:' || d.template_id || ':' || d.template_hash || ':' || md5(d.title)
	else 'text:' || coalesce(d.approved_sha256, av.sha256) end`);

/** The model act the text comes from, edited or not; any other text is its own origin. */
const familyOrigin = sql.raw(`case
	when d.template_id is not null and d.template_hash is not null then 'template:' || d.template_id || ':' || d.template_hash
	else 'text:' || coalesce(d.approved_sha256, av.sha256) end`);

const unassigned = (documentIds: string[] | null): SQL =>
	documentIds
		? sql`d.published_at is not null and d.text_family_id is null and d.id in (${sql.join(
				documentIds.map((id) => sql`${id}::uuid`),
				sql`, `
			)})`
		: sql`d.published_at is not null and d.text_family_id is null`;

const keyed = (where: SQL) => sql`
	select d.id, d.kind, d.title, ${familyKey} as key, ${familyOrigin} as origin
	from documents d
	join document_versions av on av.document_id = d.id and av.version = d.approved_version
	left join document_versions v1 on v1.document_id = d.id and v1.version = 1
	where ${where}`;

/**
 * Gives published acts without one their text family, making the family when the text is new (its
 * vector from this act's title and text). Set-based: one act at its publication, a million at seeding,
 * whatever a restore left unassigned at startup. The counts follow by trigger.
 */
export async function assignTextFamilies(
	db: Database,
	documentIds: string[] | null = null
): Promise<void> {
	if (documentIds && !documentIds.length) return;
	const where = unassigned(documentIds);
	// The vector is made once a new text, from the first act with it: never for every act.
	await db.execute(sql`
		insert into text_families (key, origin, kind, title, sample_document_id, search_vector)
		select s.key, s.origin, s.kind, s.title, s.id,
			setweight(to_tsvector('russian', s.title), 'A') || setweight(to_tsvector('russian', coalesce(v.source, '')), 'D')
		from (
			select distinct on (k.key) k.key, k.origin, k.kind, k.title, k.id
			from (${keyed(where)}) k
			where not exists (select 1 from text_families f where f.key = k.key)
			order by k.key, k.id
		) s
		join documents d on d.id = s.id
		join document_versions v on v.document_id = d.id and v.version = d.approved_version
		on conflict (key) do nothing`);
	await db.execute(sql`
		update documents set text_family_id = f.id
		from (${keyed(where)}) k
		join text_families f on f.key = k.key
		where documents.id = k.id`);
}
