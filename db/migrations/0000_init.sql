CREATE TYPE "public"."activity_type" AS ENUM('call', 'email', 'meeting', 'social', 'other');--> statement-breakpoint
CREATE TYPE "public"."asset_type" AS ENUM('case_study', 'whitepaper', 'deck', 'one_pager', 'video', 'blog_post', 'email_template', 'other');--> statement-breakpoint
CREATE TYPE "public"."channel" AS ENUM('organic_search', 'paid_search', 'organic_social', 'paid_social', 'email', 'events', 'webinar', 'content', 'referral', 'direct', 'partner', 'outbound');--> statement-breakpoint
CREATE TYPE "public"."deal_stage" AS ENUM('qualification', 'discovery', 'proposal', 'negotiation', 'closed_won', 'closed_lost');--> statement-breakpoint
CREATE TYPE "public"."feedback_verdict" AS ENUM('accepted', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."funnel_stage" AS ENUM('tofu', 'mofu', 'bofu');--> statement-breakpoint
CREATE TYPE "public"."health" AS ENUM('on_track', 'at_risk', 'off_track');--> statement-breakpoint
CREATE TYPE "public"."locale" AS ENUM('en', 'es');--> statement-breakpoint
CREATE TYPE "public"."owning_team" AS ENUM('sales', 'marketing', 'joint');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'leadership', 'marketing', 'sales');--> statement-breakpoint
CREATE TYPE "public"."segment" AS ENUM('smb', 'mid_market', 'enterprise');--> statement-breakpoint
CREATE TYPE "public"."team" AS ENUM('sales', 'marketing');--> statement-breakpoint
CREATE TYPE "public"."team_member_role" AS ENUM('rep', 'lead', 'manager');--> statement-breakpoint
CREATE TYPE "public"."usage_action" AS ENUM('viewed', 'downloaded', 'shared', 'sent', 'presented');--> statement-breakpoint
CREATE TABLE "accounts" (
	"account_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"industry" text,
	"segment" "segment",
	"region" text,
	"customer_since" date,
	"churned_on" date,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"campaign_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"channel" "channel" NOT NULL,
	"started_on" date,
	"ended_on" date,
	"cost" numeric,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_assets" (
	"asset_id" text PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"type" "asset_type" NOT NULL,
	"funnel_stage" "funnel_stage",
	"owner_email" text,
	"published_at" timestamp with time zone NOT NULL,
	"archived_at" timestamp with time zone,
	"url" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_usage" (
	"usage_id" text PRIMARY KEY NOT NULL,
	"asset_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"action" "usage_action" NOT NULL,
	"user_email" text,
	"deal_id" text,
	"lead_id" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deal_contacts" (
	"deal_id" text NOT NULL,
	"lead_id" text NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deal_contacts_deal_id_lead_id_pk" PRIMARY KEY("deal_id","lead_id")
);
--> statement-breakpoint
CREATE TABLE "deals" (
	"deal_id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"account_id" text,
	"primary_lead_id" text NOT NULL,
	"owner_email" text,
	"amount" numeric NOT NULL,
	"currency" text,
	"created_at" timestamp with time zone NOT NULL,
	"stage" "deal_stage" NOT NULL,
	"closed_at" timestamp with time zone,
	"lost_reason" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deals_closed_consistent" CHECK (("deals"."stage" in ('closed_won','closed_lost')) = ("deals"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"lead_id" text PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"first_name" text,
	"last_name" text,
	"account_id" text,
	"created_at" timestamp with time zone NOT NULL,
	"source_channel" "channel" NOT NULL,
	"campaign_id" text,
	"owner_email" text,
	"mql_at" timestamp with time zone,
	"sql_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"rejection_reason" text,
	"customer_at" timestamp with time zone,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "leads_sql_xor_rejected" CHECK ("leads"."sql_at" is null or "leads"."rejected_at" is null)
);
--> statement-breakpoint
CREATE TABLE "sales_activities" (
	"activity_id" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"type" "activity_type" NOT NULL,
	"rep_email" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"email" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"team" "team",
	"role" "team_member_role" DEFAULT 'rep' NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "touchpoints" (
	"touchpoint_id" text PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"channel" "channel" NOT NULL,
	"campaign_id" text,
	"type" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "assessments" (
	"id" serial PRIMARY KEY NOT NULL,
	"taken_by" integer,
	"answers" jsonb NOT NULL,
	"score" numeric NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" integer,
	"actor_api_key_id" integer,
	"actor_label" text,
	"action" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text,
	"before" jsonb,
	"after" jsonb
);
--> statement-breakpoint
CREATE TABLE "glossary_term_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"version" integer NOT NULL,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	"changed_by" integer,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "glossary_terms" (
	"id" serial PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"term" text NOT NULL,
	"definition" text NOT NULL,
	"kpi_key" text,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "glossary_terms_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "import_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"source" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"status" text DEFAULT 'running' NOT NULL,
	"summary" jsonb,
	"started_by" integer
);
--> statement-breakpoint
CREATE TABLE "lead_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"lead_id" text NOT NULL,
	"user_id" integer,
	"verdict" "feedback_verdict" NOT NULL,
	"reason" text,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "login_attempts" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"ip" text NOT NULL,
	"succeeded" boolean NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_action_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" integer,
	"due_on" date,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "meeting_agenda_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"meeting_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"owner_user_id" integer,
	"minutes" integer
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" serial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"cadence" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"time_zone" text DEFAULT 'UTC' NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"sla_response_hours" numeric DEFAULT '4' NOT NULL,
	"mql_monthly_target" integer DEFAULT 100 NOT NULL,
	"business_hours" text DEFAULT 'mon-fri 09:00-17:00' NOT NULL,
	"holidays" date[] DEFAULT '{}'::date[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_columns" (
	"id" serial PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"position" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roadmap_columns_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "roadmap_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"item_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_items" (
	"id" serial PRIMARY KEY NOT NULL,
	"column_id" integer NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"team" "owning_team" NOT NULL,
	"owner_user_id" integer,
	"due_on" date,
	"health" "health" DEFAULT 'on_track' NOT NULL,
	"kpi_key" text,
	"kpi_target" numeric,
	"kpi_baseline" numeric,
	"started_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"role" "role" NOT NULL,
	"locale" "locale" DEFAULT 'en' NOT NULL,
	"password_hash" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "content_assets" ADD CONSTRAINT "content_assets_owner_email_team_members_email_fk" FOREIGN KEY ("owner_email") REFERENCES "public"."team_members"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_usage" ADD CONSTRAINT "content_usage_asset_id_content_assets_asset_id_fk" FOREIGN KEY ("asset_id") REFERENCES "public"."content_assets"("asset_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_usage" ADD CONSTRAINT "content_usage_user_email_team_members_email_fk" FOREIGN KEY ("user_email") REFERENCES "public"."team_members"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_usage" ADD CONSTRAINT "content_usage_deal_id_deals_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("deal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_usage" ADD CONSTRAINT "content_usage_lead_id_leads_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_deal_id_deals_deal_id_fk" FOREIGN KEY ("deal_id") REFERENCES "public"."deals"("deal_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deal_contacts" ADD CONSTRAINT "deal_contacts_lead_id_leads_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_account_id_accounts_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("account_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_primary_lead_id_leads_lead_id_fk" FOREIGN KEY ("primary_lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deals" ADD CONSTRAINT "deals_owner_email_team_members_email_fk" FOREIGN KEY ("owner_email") REFERENCES "public"."team_members"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_account_id_accounts_account_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("account_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_owner_email_team_members_email_fk" FOREIGN KEY ("owner_email") REFERENCES "public"."team_members"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_activities" ADD CONSTRAINT "sales_activities_lead_id_leads_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sales_activities" ADD CONSTRAINT "sales_activities_rep_email_team_members_email_fk" FOREIGN KEY ("rep_email") REFERENCES "public"."team_members"("email") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_lead_id_leads_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_campaign_id_campaigns_campaign_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("campaign_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assessments" ADD CONSTRAINT "assessments_taken_by_users_id_fk" FOREIGN KEY ("taken_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_api_key_id_api_keys_id_fk" FOREIGN KEY ("actor_api_key_id") REFERENCES "public"."api_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD CONSTRAINT "glossary_term_versions_term_id_glossary_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."glossary_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD CONSTRAINT "glossary_term_versions_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD CONSTRAINT "glossary_terms_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "import_runs" ADD CONSTRAINT "import_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_feedback" ADD CONSTRAINT "lead_feedback_lead_id_leads_lead_id_fk" FOREIGN KEY ("lead_id") REFERENCES "public"."leads"("lead_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lead_feedback" ADD CONSTRAINT "lead_feedback_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_agenda_items" ADD CONSTRAINT "meeting_agenda_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_comments" ADD CONSTRAINT "roadmap_comments_item_id_roadmap_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_comments" ADD CONSTRAINT "roadmap_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_column_id_roadmap_columns_id_fk" FOREIGN KEY ("column_id") REFERENCES "public"."roadmap_columns"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_items" ADD CONSTRAINT "roadmap_items_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "accounts_customer_since_idx" ON "accounts" USING btree ("customer_since");--> statement-breakpoint
CREATE INDEX "accounts_segment_idx" ON "accounts" USING btree ("segment");--> statement-breakpoint
CREATE INDEX "content_usage_asset_time_idx" ON "content_usage" USING btree ("asset_id","occurred_at");--> statement-breakpoint
CREATE INDEX "content_usage_deal_idx" ON "content_usage" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "deal_contacts_lead_idx" ON "deal_contacts" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "deals_stage_closed_idx" ON "deals" USING btree ("stage","closed_at");--> statement-breakpoint
CREATE INDEX "deals_created_at_idx" ON "deals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "deals_primary_lead_idx" ON "deals" USING btree ("primary_lead_id");--> statement-breakpoint
CREATE INDEX "deals_account_idx" ON "deals" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "deals_owner_idx" ON "deals" USING btree ("owner_email");--> statement-breakpoint
CREATE INDEX "leads_mql_at_idx" ON "leads" USING btree ("mql_at");--> statement-breakpoint
CREATE INDEX "leads_sql_at_idx" ON "leads" USING btree ("sql_at");--> statement-breakpoint
CREATE INDEX "leads_created_at_idx" ON "leads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "leads_account_idx" ON "leads" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "leads_owner_idx" ON "leads" USING btree ("owner_email");--> statement-breakpoint
CREATE INDEX "leads_email_idx" ON "leads" USING btree ("email");--> statement-breakpoint
CREATE INDEX "sales_activities_lead_time_idx" ON "sales_activities" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "touchpoints_lead_time_idx" ON "touchpoints" USING btree ("lead_id","occurred_at");--> statement-breakpoint
CREATE INDEX "audit_log_entity_idx" ON "audit_log" USING btree ("entity","entity_id");--> statement-breakpoint
CREATE INDEX "audit_log_at_idx" ON "audit_log" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "glossary_term_versions_term_version_idx" ON "glossary_term_versions" USING btree ("term_id","version");--> statement-breakpoint
CREATE INDEX "lead_feedback_lead_idx" ON "lead_feedback" USING btree ("lead_id");--> statement-breakpoint
CREATE INDEX "login_attempts_email_at_idx" ON "login_attempts" USING btree ("email","at");--> statement-breakpoint
CREATE INDEX "login_attempts_ip_at_idx" ON "login_attempts" USING btree ("ip","at");--> statement-breakpoint
CREATE INDEX "roadmap_items_column_pos_idx" ON "roadmap_items" USING btree ("column_id","position");