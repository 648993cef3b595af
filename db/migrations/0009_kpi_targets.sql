CREATE TABLE "kpi_targets" (
	"kpi_key" text PRIMARY KEY NOT NULL,
	"target" numeric NOT NULL,
	"direction" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "kpi_targets_direction_check" CHECK ("kpi_targets"."direction" in ('at_least', 'at_most'))
);
--> statement-breakpoint
ALTER TABLE "kpi_targets" ADD CONSTRAINT "kpi_targets_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;