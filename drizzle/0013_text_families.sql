CREATE TABLE "text_families" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"key" text NOT NULL,
	"origin" text NOT NULL,
	"kind" "document_kind" NOT NULL,
	"title" text NOT NULL,
	"sample_document_id" uuid NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"in_force" integer DEFAULT 0 NOT NULL,
	"ended" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "document_versions_search_idx";--> statement-breakpoint
DROP INDEX "documents_title_fts_idx";--> statement-breakpoint
DROP INDEX "documents_published_at_idx";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "text_family_id" uuid;--> statement-breakpoint
CREATE UNIQUE INDEX "text_families_key" ON "text_families" USING btree ("key");--> statement-breakpoint
CREATE INDEX "text_families_origin_idx" ON "text_families" USING btree ("origin");--> statement-breakpoint
CREATE INDEX "text_families_search_idx" ON "text_families" USING gin ("search_vector");--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_text_family_id_text_families_id_fk" FOREIGN KEY ("text_family_id") REFERENCES "public"."text_families"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "documents_text_family_idx" ON "documents" USING btree ("text_family_id","published_at" DESC NULLS LAST,"id") WHERE "documents"."published_at" is not null;--> statement-breakpoint
CREATE INDEX "documents_text_family_missing_idx" ON "documents" USING btree ("id") WHERE "documents"."published_at" is not null and "documents"."text_family_id" is null;--> statement-breakpoint
CREATE INDEX "organizations_kind_parent_idx" ON "organizations" USING btree ("kind","parent_id","id");--> statement-breakpoint
CREATE INDEX "documents_published_at_idx" ON "documents" USING btree ("published_at" DESC NULLS LAST,"id") WHERE "documents"."published_at" is not null;--> statement-breakpoint
ALTER TABLE "document_versions" DROP COLUMN "search_vector";--> statement-breakpoint
-- A text's counts of published acts follow every change of documents, whatever code path makes it:
-- one aggregated update per statement (transition tables), and no write where nothing changed.
CREATE FUNCTION text_families_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		UPDATE text_families f SET in_force = f.in_force + c.in_force, ended = f.ended + c.ended
		FROM (SELECT text_family_id AS id,
				count(*) FILTER (WHERE status NOT IN ('superseded', 'repealed'))::int AS in_force,
				count(*) FILTER (WHERE status IN ('superseded', 'repealed'))::int AS ended
			FROM new_rows WHERE text_family_id IS NOT NULL AND published_at IS NOT NULL GROUP BY 1) c
		WHERE f.id = c.id;
	ELSIF TG_OP = 'DELETE' THEN
		UPDATE text_families f SET in_force = f.in_force - c.in_force, ended = f.ended - c.ended
		FROM (SELECT text_family_id AS id,
				count(*) FILTER (WHERE status NOT IN ('superseded', 'repealed'))::int AS in_force,
				count(*) FILTER (WHERE status IN ('superseded', 'repealed'))::int AS ended
			FROM old_rows WHERE text_family_id IS NOT NULL AND published_at IS NOT NULL GROUP BY 1) c
		WHERE f.id = c.id;
	ELSE
		UPDATE text_families f SET in_force = f.in_force + c.in_force, ended = f.ended + c.ended
		FROM (SELECT id, sum(in_force)::int AS in_force, sum(ended)::int AS ended FROM (
				SELECT text_family_id AS id, (status NOT IN ('superseded', 'repealed'))::int AS in_force, (status IN ('superseded', 'repealed'))::int AS ended
				FROM new_rows WHERE text_family_id IS NOT NULL AND published_at IS NOT NULL
				UNION ALL
				SELECT text_family_id, -(status NOT IN ('superseded', 'repealed'))::int, -(status IN ('superseded', 'repealed'))::int
				FROM old_rows WHERE text_family_id IS NOT NULL AND published_at IS NOT NULL
			) d GROUP BY id HAVING sum(in_force) <> 0 OR sum(ended) <> 0) c
		WHERE f.id = c.id;
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_text_family_insert AFTER INSERT ON documents REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION text_families_count();
--> statement-breakpoint
CREATE TRIGGER documents_text_family_update AFTER UPDATE ON documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION text_families_count();
--> statement-breakpoint
CREATE TRIGGER documents_text_family_delete AFTER DELETE ON documents REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION text_families_count();
