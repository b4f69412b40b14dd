ALTER TYPE "public"."document_kind" ADD VALUE 'record_act';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'log';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'memo';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'report';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'undertaking';--> statement-breakpoint
ALTER TYPE "public"."document_kind" ADD VALUE 'extract';--> statement-breakpoint
ALTER TABLE "memberships" ADD COLUMN "position_forms" jsonb;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "education_law" text;