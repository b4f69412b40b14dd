CREATE TYPE "public"."signature_kind" AS ENUM('simple', 'qualified');--> statement-breakpoint
CREATE TABLE "signature_files" (
	"signature_id" uuid NOT NULL,
	"format" text NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "signature_files_signature_id_format_pk" PRIMARY KEY("signature_id","format")
);
--> statement-breakpoint
CREATE TABLE "signatures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"kind" "signature_kind" NOT NULL,
	"key" text NOT NULL,
	"signer_id" uuid NOT NULL,
	"signer_name" text NOT NULL,
	"signer_position" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"text_sha256" text NOT NULL,
	"cms" "bytea",
	"certificate_subject" jsonb,
	"certificate_valid_from" timestamp with time zone,
	"certificate_valid_to" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "documents_unpublished_idx";--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "signature_files" ADD CONSTRAINT "signature_files_signature_id_signatures_id_fk" FOREIGN KEY ("signature_id") REFERENCES "public"."signatures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signature_files" ADD CONSTRAINT "signature_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "signatures" ADD CONSTRAINT "signatures_signer_id_users_id_fk" FOREIGN KEY ("signer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_key_key" ON "signatures" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "signatures_doc_version_kind_key" ON "signatures" USING btree ("document_id","version","kind");--> statement-breakpoint
CREATE INDEX "documents_unpublished_idx" ON "documents" USING btree ("organization_id") WHERE "documents"."approved_at" is not null and ("documents"."published_at" is null or "documents"."signed_at" is null);