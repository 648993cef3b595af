CREATE TABLE "content_asset_versions" (
	"asset_id" text PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_feedback_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"question" text DEFAULT '' NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "content_ratings" (
	"id" serial PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"user_id" integer NOT NULL,
	"useful" boolean NOT NULL,
	"reason" text,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_ratings_reason_check" CHECK (("content_ratings"."useful" and "content_ratings"."reason" is null) or (not "content_ratings"."useful" and "content_ratings"."reason" in ('outdated','wrong_audience','too_long','missing_information','other')))
);
--> statement-breakpoint
CREATE TABLE "content_requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"funnel_stage" text,
	"topic" text NOT NULL,
	"why" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"fulfilled_asset_id" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_by" integer,
	"done_at" timestamp with time zone,
	CONSTRAINT "content_requests_status_check" CHECK ("content_requests"."status" in ('open','done')),
	CONSTRAINT "content_requests_stage_check" CHECK ("content_requests"."funnel_stage" is null or "content_requests"."funnel_stage" in ('tofu','mofu','bofu'))
);
--> statement-breakpoint
ALTER TABLE "content_asset_versions" ADD CONSTRAINT "content_asset_versions_asset_id_content_assets_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."content_assets"("asset_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_asset_versions" ADD CONSTRAINT "content_asset_versions_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_feedback_requests" ADD CONSTRAINT "content_feedback_requests_asset_id_content_assets_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."content_assets"("asset_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_feedback_requests" ADD CONSTRAINT "content_feedback_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_ratings" ADD CONSTRAINT "content_ratings_asset_id_content_assets_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."content_assets"("asset_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_ratings" ADD CONSTRAINT "content_ratings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_requests" ADD CONSTRAINT "content_requests_fulfilled_asset_id_content_assets_asset_id_fk" FOREIGN KEY ("fulfilled_asset_id") REFERENCES "public"."content_assets"("asset_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_requests" ADD CONSTRAINT "content_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_requests" ADD CONSTRAINT "content_requests_done_by_users_id_fk" FOREIGN KEY ("done_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_feedback_requests_asset_idx" ON "content_feedback_requests" USING btree ("asset_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_ratings_asset_user_idx" ON "content_ratings" USING btree ("asset_id","user_id");--> statement-breakpoint
CREATE INDEX "content_requests_status_idx" ON "content_requests" USING btree ("status","created_at");--> statement-breakpoint
-- Covering indexes for the content report (lib/content/metrics.ts), written here because drizzle-kit has no INCLUDE:
-- the usages of a period per asset read from the index alone (no heap visits), and the usages of given deals likewise.
CREATE INDEX "content_usage_asset_time_cover_idx" ON "content_usage" USING btree ("asset_id","occurred_at") INCLUDE ("action","user_email","deal_id");--> statement-breakpoint
CREATE INDEX "content_usage_deal_cover_idx" ON "content_usage" USING btree ("deal_id") INCLUDE ("asset_id","occurred_at","action") WHERE "deal_id" IS NOT NULL;
