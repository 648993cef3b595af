CREATE TABLE "glossary_approvals" (
	"id" serial PRIMARY KEY NOT NULL,
	"term_id" integer NOT NULL,
	"version" integer NOT NULL,
	"user_id" integer NOT NULL,
	"role" "role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendees" (
	"meeting_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "meeting_attendees_meeting_id_user_id_pk" PRIMARY KEY("meeting_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "team_feedback" (
	"id" serial PRIMARY KEY NOT NULL,
	"from_team" "owning_team" NOT NULL,
	"to_team" "owning_team" NOT NULL,
	"author_id" integer,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"evidence_kind" text NOT NULL,
	"evidence_ref" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_response_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_feedback_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"feedback_id" integer NOT NULL,
	"author_id" integer,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_feedback_reads" (
	"feedback_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_feedback_reads_feedback_id_user_id_pk" PRIMARY KEY("feedback_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "meetings" ALTER COLUMN "cadence" SET DEFAULT 'joint';--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "level" text DEFAULT 'somewhat_misaligned' NOT NULL;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "self_score" numeric;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "evidence_score" numeric;--> statement-breakpoint
ALTER TABLE "assessments" ADD COLUMN "evidence" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD COLUMN "owner_team" "owning_team" DEFAULT 'joint' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD COLUMN "examples" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD COLUMN "links" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_term_versions" ADD COLUMN "criteria" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "kind" text DEFAULT 'term' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "owner_team" "owning_team" DEFAULT 'joint' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "examples" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "links" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "criteria" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_terms" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD COLUMN "roadmap_item_id" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "duration_minutes" integer DEFAULT 60 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "organizer_team" "owning_team" DEFAULT 'joint' NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "created_by" integer;--> statement-breakpoint
ALTER TABLE "meetings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "organisation_settings" ADD COLUMN "meeting_interval_days" integer DEFAULT 42 NOT NULL;--> statement-breakpoint
ALTER TABLE "glossary_approvals" ADD CONSTRAINT "glossary_approvals_term_id_glossary_terms_id_fk" FOREIGN KEY ("term_id") REFERENCES "public"."glossary_terms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "glossary_approvals" ADD CONSTRAINT "glossary_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_meeting_id_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendees" ADD CONSTRAINT "meeting_attendees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_feedback" ADD CONSTRAINT "team_feedback_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_feedback_messages" ADD CONSTRAINT "team_feedback_messages_feedback_id_team_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."team_feedback"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_feedback_messages" ADD CONSTRAINT "team_feedback_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_feedback_reads" ADD CONSTRAINT "team_feedback_reads_feedback_id_team_feedback_id_fk" FOREIGN KEY ("feedback_id") REFERENCES "public"."team_feedback"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_feedback_reads" ADD CONSTRAINT "team_feedback_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "glossary_approvals_term_version_user_idx" ON "glossary_approvals" USING btree ("term_id","version","user_id");--> statement-breakpoint
CREATE INDEX "team_feedback_to_idx" ON "team_feedback" USING btree ("to_team","status");--> statement-breakpoint
CREATE INDEX "team_feedback_messages_feedback_idx" ON "team_feedback_messages" USING btree ("feedback_id");--> statement-breakpoint
ALTER TABLE "meeting_action_items" ADD CONSTRAINT "meeting_action_items_roadmap_item_id_roadmap_items_id_fk" FOREIGN KEY ("roadmap_item_id") REFERENCES "public"."roadmap_items"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "meetings_scheduled_idx" ON "meetings" USING btree ("scheduled_at");