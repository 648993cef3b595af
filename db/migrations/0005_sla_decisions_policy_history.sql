CREATE TABLE "sla_policy_history" (
	"id" serial PRIMARY KEY NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"sla_response_hours" numeric NOT NULL,
	"business_hours" text NOT NULL,
	"holidays" date[] NOT NULL,
	"mql_monthly_target" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP INDEX "lead_feedback_lead_idx";--> statement-breakpoint
ALTER TABLE "lead_feedback" ADD COLUMN "decided_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
CREATE INDEX "sla_policy_history_until_idx" ON "sla_policy_history" USING btree ("valid_until");--> statement-breakpoint
CREATE UNIQUE INDEX "lead_feedback_lead_uq" ON "lead_feedback" USING btree ("lead_id");--> statement-breakpoint
-- A decision made in the app (lead_feedback) counts as the lead's verdict in kpi_lead_facts,
-- over the imported sql_at / rejected_at of leads (docs/sla.md "Which wins"): accepted → the
-- lead is an SQL at the earlier of the imported sql_at and decided_at, not rejected; rejected →
-- rejected at the earlier of the imported rejected_at and decided_at, not an SQL. Without a
-- decision the imported values stand. `leads` itself is never changed by a decision, so an import
-- cannot overwrite one: it only changes the imported side, and a disagreement is a conflict the
-- SLA page lists.
CREATE OR REPLACE FUNCTION kpi_refresh_lead_facts(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM kpi_lead_facts f
   WHERE f.lead_id = ANY (ids)
     AND NOT EXISTS (SELECT 1 FROM leads l
                      WHERE l.lead_id = f.lead_id AND (l.mql_at IS NOT NULL OR l.sql_at IS NOT NULL));
  INSERT INTO kpi_lead_facts AS f
         (lead_id, created_at, mql_at, sql_at, rejected_at, owner_email, source_channel, account_id, first_activity_at)
  SELECT l.lead_id, l.created_at, l.mql_at,
         CASE d.verdict WHEN 'accepted' THEN least(l.sql_at, d.decided_at) WHEN 'rejected' THEN NULL ELSE l.sql_at END,
         CASE d.verdict WHEN 'rejected' THEN least(l.rejected_at, d.decided_at) WHEN 'accepted' THEN NULL ELSE l.rejected_at END,
         l.owner_email, l.source_channel, l.account_id,
         (SELECT min(sa.occurred_at) FROM sales_activities sa
           WHERE sa.lead_id = l.lead_id AND sa.occurred_at >= l.mql_at)
    FROM leads l
    LEFT JOIN lead_feedback d ON d.lead_id = l.lead_id
   WHERE l.lead_id = ANY (ids) AND (l.mql_at IS NOT NULL OR l.sql_at IS NOT NULL)
      ON CONFLICT (lead_id) DO UPDATE
     SET created_at = excluded.created_at, mql_at = excluded.mql_at, sql_at = excluded.sql_at,
         rejected_at = excluded.rejected_at, owner_email = excluded.owner_email,
         source_channel = excluded.source_channel, account_id = excluded.account_id,
         first_activity_at = excluded.first_activity_at
   WHERE (f.created_at, f.mql_at, f.sql_at, f.rejected_at, f.owner_email, f.source_channel, f.account_id, f.first_activity_at)
         IS DISTINCT FROM
         (excluded.created_at, excluded.mql_at, excluded.sql_at, excluded.rejected_at, excluded.owner_email,
          excluded.source_channel, excluded.account_id, excluded.first_activity_at);
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_lead_feedback_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT DISTINCT n.lead_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT n.lead_id FROM new_rows n UNION SELECT o.lead_id FROM old_rows o));
  ELSE
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT DISTINCT o.lead_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_lead_feedback_insert AFTER INSERT ON lead_feedback REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_lead_feedback_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_lead_feedback_update AFTER UPDATE ON lead_feedback REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_lead_feedback_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_lead_feedback_delete AFTER DELETE ON lead_feedback REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_lead_feedback_changed();
--> statement-breakpoint
SELECT kpi_refresh_lead_facts(ARRAY(SELECT lead_id FROM lead_feedback));
