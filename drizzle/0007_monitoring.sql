CREATE TYPE "public"."help_request_status" AS ENUM('open', 'answered', 'closed');--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"authority_id" uuid NOT NULL,
	"author_id" uuid,
	"topic" text NOT NULL,
	"body" text NOT NULL,
	"status" "help_request_status" DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "progress_snapshots" (
	"day" date NOT NULL,
	"organization_id" uuid NOT NULL,
	"items_total" integer NOT NULL,
	"items_done" integer NOT NULL,
	"items_overdue" integer NOT NULL,
	"acts_published" integer NOT NULL,
	CONSTRAINT "progress_snapshots_day_organization_id_pk" PRIMARY KEY("day","organization_id")
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "readiness_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_authority_id_organizations_id_fk" FOREIGN KEY ("authority_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "progress_snapshots" ADD CONSTRAINT "progress_snapshots_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "help_requests_authority_idx" ON "help_requests" USING btree ("authority_id","status","created_at");--> statement-breakpoint
CREATE INDEX "help_requests_org_idx" ON "help_requests" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "progress_snapshots_org_idx" ON "progress_snapshots" USING btree ("organization_id","day");