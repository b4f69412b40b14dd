CREATE TYPE "public"."document_class" AS ENUM('order', 'act', 'appendix', 'record');--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'founder_consent';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'letter';--> statement-breakpoint
CREATE TABLE "registration_counters" (
	"organization_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last_seq" integer NOT NULL,
	CONSTRAINT "registration_counters_organization_id_series_year_pk" PRIMARY KEY("organization_id","series","year")
);
--> statement-breakpoint
ALTER TABLE "checklist_items" ADD COLUMN "proof" jsonb;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD COLUMN "minutes_number" text;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD COLUMN "request_document_id" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "document_class" "document_class";--> statement-breakpoint
UPDATE "documents" SET "document_class" = (CASE
	WHEN "kind" = 'order' THEN 'order'
	WHEN "kind" IN ('regulation', 'rules', 'procedure', 'instruction') THEN 'act'
	WHEN "kind" = 'plan' OR ("kind" = 'other' AND "needs_approval") THEN 'appendix'
	ELSE 'record' END)::"document_class";--> statement-breakpoint
ALTER TABLE "documents" ALTER COLUMN "document_class" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "appendix_number" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "registration_series" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "registration_year" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "registration_seq" integer;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "edition_of" uuid;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "council_waivers" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "adopted_body" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "adopted_minutes_number" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "adopted_minutes_date" date;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "document_id" uuid;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "founder_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "order_series" jsonb DEFAULT '[{"suffix":"-о","title":"по основной деятельности"},{"suffix":"-к","title":"по личному составу"}]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "discussion_min_days" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "registration_counters" ADD CONSTRAINT "registration_counters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "council_opinions" ADD CONSTRAINT "council_opinions_request_document_id_documents_id_fk" FOREIGN KEY ("request_document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_edition_of_documents_id_fk" FOREIGN KEY ("edition_of") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
WITH RECURSIVE chain(id, root) AS (
	SELECT d."id", d."id" FROM "documents" d
	WHERE NOT EXISTS (SELECT 1 FROM "document_links" l WHERE l."document_id" = d."id" AND l."relation" = 'amends')
	UNION ALL
	SELECT l."document_id", c.root FROM "document_links" l JOIN chain c ON l."target_id" = c.id WHERE l."relation" = 'amends'
)
UPDATE "documents" d SET "edition_of" = c.root FROM chain c WHERE c.id = d."id" AND c.root <> d."id";--> statement-breakpoint
-- Rival acts in force from the same template (the fault this migration ends): the latest approved stays, the others lose force to it.
WITH ranked AS (
	SELECT "id", first_value("id") OVER w AS keeper, row_number() OVER w AS n FROM "documents"
	WHERE "status" = 'published' AND "template_id" IS NOT NULL AND "document_class" IN ('act', 'appendix')
	WINDOW w AS (PARTITION BY "organization_id", "template_id" ORDER BY "approved_at" DESC NULLS LAST, "created_at" DESC)
)
UPDATE "documents" d SET "status" = 'superseded', "superseded_by" = r.keeper, "ended_at" = now() FROM ranked r WHERE r."id" = d."id" AND r.n > 1;--> statement-breakpoint
WITH numbered AS (
	SELECT "id", row_number() OVER (PARTITION BY "organization_id", extract(year FROM "document_date"), "number" ORDER BY "created_at") AS n FROM "documents"
	WHERE "document_class" = 'order' AND "number" IS NOT NULL AND "document_date" IS NOT NULL
)
UPDATE "documents" d SET "registration_year" = extract(year FROM d."document_date")::int FROM numbered x WHERE x."id" = d."id" AND x.n = 1;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_one_in_force_key" ON "documents" USING btree ("organization_id","template_id") WHERE "documents"."status" = 'published' and "documents"."template_id" is not null and "documents"."document_class" in ('act', 'appendix');--> statement-breakpoint
CREATE UNIQUE INDEX "documents_order_number_key" ON "documents" USING btree ("organization_id","registration_year","number") WHERE "documents"."document_class" = 'order' and "documents"."number" is not null and "documents"."registration_year" is not null;--> statement-breakpoint
CREATE INDEX "documents_edition_idx" ON "documents" USING btree ("edition_of");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_route_reminder_key" ON "notifications" USING btree ("document_id","user_id","kind","about_date") WHERE "notifications"."document_id" is not null;