DROP INDEX "document_versions_fts_idx";--> statement-breakpoint
ALTER TABLE "document_versions" ADD COLUMN "search_vector" "tsvector" GENERATED ALWAYS AS (to_tsvector('russian'::regconfig, coalesce(source, ''))) STORED;--> statement-breakpoint
CREATE INDEX "document_versions_search_idx" ON "document_versions" USING gin ("search_vector");