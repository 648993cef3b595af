-- kpi_lead_facts (db/schema/kpi.ts) is kept exact by statement-level triggers on leads and
-- sales_activities: each statement refreshes the facts of the leads it touched (old and new
-- rows), in the same transaction. Then the table is filled from the data already there.
CREATE FUNCTION kpi_refresh_lead_facts(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM kpi_lead_facts f
   WHERE f.lead_id = ANY (ids)
     AND NOT EXISTS (SELECT 1 FROM leads l
                      WHERE l.lead_id = f.lead_id AND (l.mql_at IS NOT NULL OR l.sql_at IS NOT NULL));
  INSERT INTO kpi_lead_facts AS f
         (lead_id, created_at, mql_at, sql_at, rejected_at, owner_email, source_channel, account_id, first_activity_at)
  SELECT l.lead_id, l.created_at, l.mql_at, l.sql_at, l.rejected_at, l.owner_email, l.source_channel, l.account_id,
         (SELECT min(sa.occurred_at) FROM sales_activities sa
           WHERE sa.lead_id = l.lead_id AND sa.occurred_at >= l.mql_at)
    FROM leads l
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
CREATE FUNCTION kpi_refresh_first_activity(ids text[]) RETURNS void LANGUAGE sql AS $$
  UPDATE kpi_lead_facts f
     SET first_activity_at = x.fa
    FROM (SELECT f2.lead_id,
                 (SELECT min(sa.occurred_at) FROM sales_activities sa
                   WHERE sa.lead_id = f2.lead_id AND sa.occurred_at >= f2.mql_at) AS fa
            FROM kpi_lead_facts f2
           WHERE f2.lead_id = ANY (ids)) x
   WHERE f.lead_id = x.lead_id AND f.first_activity_at IS DISTINCT FROM x.fa;
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT n.lead_id FROM new_rows n WHERE n.mql_at IS NOT NULL OR n.sql_at IS NOT NULL));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT n.lead_id FROM new_rows n UNION SELECT o.lead_id FROM old_rows o));
  ELSE
    DELETE FROM kpi_lead_facts f USING old_rows o WHERE f.lead_id = o.lead_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION kpi_sales_activities_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM kpi_refresh_first_activity(ARRAY(SELECT DISTINCT n.lead_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_first_activity(ARRAY(SELECT n.lead_id FROM new_rows n UNION SELECT o.lead_id FROM old_rows o));
  ELSE
    PERFORM kpi_refresh_first_activity(ARRAY(SELECT DISTINCT o.lead_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_leads_insert AFTER INSERT ON leads REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_leads_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_leads_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_leads_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_leads_delete AFTER DELETE ON leads REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_leads_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_sales_activities_insert AFTER INSERT ON sales_activities REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_sales_activities_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_sales_activities_update AFTER UPDATE ON sales_activities REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_sales_activities_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_sales_activities_delete AFTER DELETE ON sales_activities REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_sales_activities_changed();
--> statement-breakpoint
INSERT INTO kpi_lead_facts
       (lead_id, created_at, mql_at, sql_at, rejected_at, owner_email, source_channel, account_id, first_activity_at)
SELECT l.lead_id, l.created_at, l.mql_at, l.sql_at, l.rejected_at, l.owner_email, l.source_channel, l.account_id,
       (SELECT min(sa.occurred_at) FROM sales_activities sa WHERE sa.lead_id = l.lead_id AND sa.occurred_at >= l.mql_at)
  FROM leads l
 WHERE l.mql_at IS NOT NULL OR l.sql_at IS NOT NULL;
