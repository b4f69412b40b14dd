ALTER TABLE "users" ADD COLUMN "mail_off_kinds" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "notifications_user_time_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
-- Hand-written: notifications written before every notice named its act get it from their link, so they group by document.
UPDATE "notifications" AS n SET "document_id" = d."id" FROM "documents" AS d WHERE n."document_id" IS NULL AND n."link" ~ '/documents/[0-9a-f-]{36}' AND d."id" = substring(n."link" from '/documents/([0-9a-f-]{36})')::uuid;
