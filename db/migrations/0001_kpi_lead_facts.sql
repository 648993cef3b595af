CREATE TABLE "kpi_lead_facts" (
	"lead_id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"mql_at" timestamp with time zone,
	"sql_at" timestamp with time zone,
	"rejected_at" timestamp with time zone,
	"owner_email" text,
	"source_channel" "channel" NOT NULL,
	"account_id" text,
	"first_activity_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "kpi_lead_facts_mql_at_idx" ON "kpi_lead_facts" USING btree ("mql_at");--> statement-breakpoint
CREATE INDEX "kpi_lead_facts_sql_at_idx" ON "kpi_lead_facts" USING btree ("sql_at");