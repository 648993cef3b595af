-- Inserted leads get their kpi_lead_facts rows straight from the statement's transition table
-- (issue 15 item 5: the importer's merge of a batch of new leads spent about a sixth of its time
-- in this trigger). kpi_refresh_lead_facts looked each new lead up again in leads (by id), joined
-- its lead_feedback verdict and searched sales_activities for its first activity; a lead inserted
-- by this very statement can have neither (both reference leads through a foreign key that is not
-- deferrable, and no trigger on leads writes them), so its facts are its own columns: sql_at and
-- rejected_at as written, first_activity_at null. The result is the one kpi_refresh_lead_facts
-- gives; updates and deletes keep the full refresh.
CREATE OR REPLACE FUNCTION kpi_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_lead_facts AS f
           (lead_id, created_at, mql_at, sql_at, rejected_at, owner_email, source_channel, account_id, first_activity_at)
    SELECT n.lead_id, n.created_at, n.mql_at, n.sql_at, n.rejected_at, n.owner_email, n.source_channel, n.account_id, NULL
      FROM new_rows n
     WHERE n.mql_at IS NOT NULL OR n.sql_at IS NOT NULL
        ON CONFLICT (lead_id) DO UPDATE
       SET created_at = excluded.created_at, mql_at = excluded.mql_at, sql_at = excluded.sql_at,
           rejected_at = excluded.rejected_at, owner_email = excluded.owner_email,
           source_channel = excluded.source_channel, account_id = excluded.account_id,
           first_activity_at = excluded.first_activity_at
     WHERE (f.created_at, f.mql_at, f.sql_at, f.rejected_at, f.owner_email, f.source_channel, f.account_id, f.first_activity_at)
           IS DISTINCT FROM
           (excluded.created_at, excluded.mql_at, excluded.sql_at, excluded.rejected_at, excluded.owner_email,
            excluded.source_channel, excluded.account_id, excluded.first_activity_at);
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_lead_facts(ARRAY(SELECT n.lead_id FROM new_rows n UNION SELECT o.lead_id FROM old_rows o));
  ELSE
    DELETE FROM kpi_lead_facts f USING old_rows o WHERE f.lead_id = o.lead_id;
  END IF;
  RETURN NULL;
END
$$;
