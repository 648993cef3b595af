CREATE TABLE "report_cache" (
	"key" text PRIMARY KEY NOT NULL,
	"report" text NOT NULL,
	"result" text,
	"as_of" timestamp with time zone,
	"data_version" bigint NOT NULL,
	"settings_version" bigint NOT NULL,
	"computed_at" timestamp with time zone,
	"lease_until" timestamp with time zone,
	"lease_owner" text
);
--> statement-breakpoint
CREATE TABLE "report_data_changes" (
	"scope" text NOT NULL,
	"xact" bigint NOT NULL,
	CONSTRAINT "report_data_changes_scope_xact_pk" PRIMARY KEY("scope","xact")
);
--> statement-breakpoint
CREATE TABLE "report_data_version" (
	"scope" text PRIMARY KEY NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_cache_data_version_idx" ON "report_cache" USING btree ("data_version");--> statement-breakpoint
-- The cache is derived data: not written to the WAL (a crash empties it; it is recomputed).
ALTER TABLE "report_cache" SET UNLOGGED;
--> statement-breakpoint
INSERT INTO "report_data_version" ("scope", "n") VALUES ('data', 0), ('settings', 0);
--> statement-breakpoint
-- Marks the current transaction as a change of a scope of report inputs (see db/schema/cache.ts):
-- one row per transaction and scope, visible when the transaction commits.
CREATE FUNCTION report_bump_version(scope text) RETURNS void LANGUAGE sql AS $$
  INSERT INTO report_data_changes (scope, xact) VALUES (scope, txid_current()) ON CONFLICT DO NOTHING;
$$;
--> statement-breakpoint
CREATE FUNCTION report_inputs_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_bump_version(TG_ARGV[0]);
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Every table a report reads, statement-level (one cheap insert per writing statement, never per
-- row), insert, update, delete and truncate. A new report input table gets the same trigger in
-- its own migration (docs/scaling.md).
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['team_members', 'campaigns', 'accounts', 'leads', 'touchpoints', 'deals', 'deal_contacts',
                           'sales_activities', 'content_assets', 'content_usage', 'lead_feedback'] LOOP
    EXECUTE format('CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed(''data'')', t);
  END LOOP;
END
$$;
--> statement-breakpoint
CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON organisation_settings
  FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed('settings');
