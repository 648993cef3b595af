-- kpi_deal_facts (db/schema/kpi.ts, issue 15 item 2): one row per deal with what the KPI deals
-- group used to look up row by row — the primary lead's created_at and source channel, the
-- earliest as_of at which the deal is marketing-influenced (marketing_from) and content-influenced
-- (content_from). Kept exact by statement-level triggers on deals, leads, deal_contacts,
-- touchpoints, content_usage and content_assets, in the same transaction.
CREATE TABLE "kpi_deal_facts" (
	"deal_id" text PRIMARY KEY NOT NULL,
	"stage" "deal_stage" NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"amount" numeric NOT NULL,
	"owner_email" text,
	"account_id" text,
	"primary_lead_id" text,
	"primary_lead_created_at" timestamp with time zone,
	"source_channel" "channel",
	"marketing_from" timestamp with time zone,
	"content_from" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "kpi_deal_facts_stage_closed_idx" ON "kpi_deal_facts" USING btree ("stage", "closed_at");
--> statement-breakpoint
CREATE INDEX "kpi_deal_facts_primary_lead_idx" ON "kpi_deal_facts" USING btree ("primary_lead_id");
--> statement-breakpoint
-- Is a channel a marketing channel (data-contract.md; lib/enums.ts MARKETING_CHANNELS: every
-- channel but outbound, partner and unknown)? lib/kpi/deal-facts.test.ts checks it against the
-- TypeScript list, channel by channel. Compared as text: the migrations run in one transaction,
-- and an enum label added earlier in it ('unknown') may not be used as an enum value before it
-- commits. STABLE like that cast (enum_out), so the planner inlines the call.
CREATE FUNCTION kpi_is_marketing_channel(c "channel") RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT c::text NOT IN ('outbound', 'partner', 'unknown');
$$;
--> statement-breakpoint
-- The facts from scratch (the definition the table must always equal; the refresh and the
-- initial fill read it, the tests compare the table with it):
-- * marketing_from: −infinity when the primary lead has a marketing touchpoint at or before
--   closed_at (the deal exists only once its primary lead does, so that touch counts at every
--   as_of the deal exists); else the earliest created_at among the deal_contacts leads with such
--   a touchpoint (a contact counts from its own creation, kpi-definitions.md §1); else null.
--   "Marketing-influenced at as_of" is then exactly marketing_from <= as_of.
-- * content_from: the earliest published_at of the assets of the deal's customer-facing usages
--   (shared, sent, presented) at or before closed_at; null when none. "Content-influenced at
--   as_of" is content_from <= as_of (a usage of an asset published after as_of does not exist).
-- Open deals (closed_at null) have neither.
CREATE VIEW "kpi_deal_facts_computed" AS
SELECT d.deal_id, d.stage, d.created_at, d.closed_at, d.amount, d.owner_email, d.account_id, d.primary_lead_id,
       pl.created_at AS primary_lead_created_at, pl.source_channel,
       CASE WHEN EXISTS (SELECT 1 FROM touchpoints t
                          WHERE t.lead_id = d.primary_lead_id AND t.occurred_at <= d.closed_at
                            AND kpi_is_marketing_channel(t.channel))
            THEN '-infinity'::timestamptz
            ELSE (SELECT min(cl.created_at) FROM deal_contacts dc JOIN leads cl ON cl.lead_id = dc.lead_id
                   WHERE dc.deal_id = d.deal_id
                     AND EXISTS (SELECT 1 FROM touchpoints t
                                  WHERE t.lead_id = dc.lead_id AND t.occurred_at <= d.closed_at
                                    AND kpi_is_marketing_channel(t.channel)))
       END AS marketing_from,
       (SELECT min(ca.published_at) FROM content_usage u JOIN content_assets ca ON ca.asset_id = u.asset_id
         WHERE u.deal_id = d.deal_id AND u.occurred_at <= d.closed_at
           AND u.action IN ('shared', 'sent', 'presented')) AS content_from
  FROM deals d LEFT JOIN leads pl ON pl.lead_id = d.primary_lead_id;
--> statement-breakpoint
-- Recomputes the facts of the given deals from scratch (a deal gone: its row goes).
CREATE FUNCTION kpi_refresh_deal_facts(ids text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM kpi_deal_facts f
   WHERE f.deal_id = ANY (ids) AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.deal_id = f.deal_id);
  INSERT INTO kpi_deal_facts AS f
         (deal_id, stage, created_at, closed_at, amount, owner_email, account_id, primary_lead_id,
          primary_lead_created_at, source_channel, marketing_from, content_from)
  SELECT c.deal_id, c.stage, c.created_at, c.closed_at, c.amount, c.owner_email, c.account_id, c.primary_lead_id,
         c.primary_lead_created_at, c.source_channel, c.marketing_from, c.content_from
    FROM kpi_deal_facts_computed c
   WHERE c.deal_id = ANY (ids)
      ON CONFLICT (deal_id) DO UPDATE
     SET stage = excluded.stage, created_at = excluded.created_at, closed_at = excluded.closed_at,
         amount = excluded.amount, owner_email = excluded.owner_email, account_id = excluded.account_id,
         primary_lead_id = excluded.primary_lead_id, primary_lead_created_at = excluded.primary_lead_created_at,
         source_channel = excluded.source_channel, marketing_from = excluded.marketing_from,
         content_from = excluded.content_from
   WHERE (f.stage, f.created_at, f.closed_at, f.amount, f.owner_email, f.account_id, f.primary_lead_id,
          f.primary_lead_created_at, f.source_channel, f.marketing_from, f.content_from)
         IS DISTINCT FROM
         (excluded.stage, excluded.created_at, excluded.closed_at, excluded.amount, excluded.owner_email,
          excluded.account_id, excluded.primary_lead_id, excluded.primary_lead_created_at, excluded.source_channel,
          excluded.marketing_from, excluded.content_from);
$$;
--> statement-breakpoint
-- Recomputes the facts of the deals whose primary lead or one of whose deal_contacts leads is
-- one of `leads` (a touchpoint or a lead of theirs changed).
CREATE FUNCTION kpi_refresh_deal_facts_of_leads(leads text[]) RETURNS void LANGUAGE sql AS $$
  SELECT kpi_refresh_deal_facts(array_agg(x.deal_id))
    FROM (SELECT f.deal_id FROM kpi_deal_facts f WHERE f.primary_lead_id = ANY (leads)
          UNION
          SELECT dc.deal_id FROM deal_contacts dc WHERE dc.lead_id = ANY (leads)) x
  HAVING count(*) > 0;
$$;
--> statement-breakpoint
-- A new deal has no contacts and no usages yet (both refer to it by foreign key), so its facts
-- need only its primary lead: one look-up and one touchpoint probe per deal.
CREATE FUNCTION kpi_deal_facts_deals_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE kpi_deal_facts;
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO kpi_deal_facts AS f
           (deal_id, stage, created_at, closed_at, amount, owner_email, account_id, primary_lead_id,
            primary_lead_created_at, source_channel, marketing_from, content_from)
    SELECT n.deal_id, n.stage, n.created_at, n.closed_at, n.amount, n.owner_email, n.account_id, n.primary_lead_id,
           pl.created_at, pl.source_channel,
           CASE WHEN EXISTS (SELECT 1 FROM touchpoints t
                              WHERE t.lead_id = n.primary_lead_id AND t.occurred_at <= n.closed_at
                                AND kpi_is_marketing_channel(t.channel))
                THEN '-infinity'::timestamptz END,
           NULL
      FROM new_rows n LEFT JOIN leads pl ON pl.lead_id = n.primary_lead_id
        ON CONFLICT (deal_id) DO NOTHING;
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    NULL; -- an upsert that updated nothing (its statement-level UPDATE trigger fires all the same)
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_deal_facts(ARRAY(SELECT n.deal_id FROM new_rows n UNION SELECT o.deal_id FROM old_rows o));
  ELSE
    DELETE FROM kpi_deal_facts f USING old_rows o WHERE f.deal_id = o.deal_id;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A lead's created_at and source_channel are copied (primary lead) or read (a contact's
-- created_at). A new lead has no deal yet, and a lead a deal refers to cannot be deleted (the
-- foreign keys): updates only, and only of leads whose created_at or source_channel changed.
CREATE FUNCTION kpi_deal_facts_leads_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  PERFORM kpi_refresh_deal_facts_of_leads(array_agg(n.lead_id))
     FROM new_rows n JOIN old_rows o ON o.lead_id = n.lead_id
    WHERE (n.created_at, n.source_channel) IS DISTINCT FROM (o.created_at, o.source_channel)
   HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- New touchpoints only add to what influences a deal, so an insert lowers marketing_from where a
-- new marketing touch (at or before the deal's close) is on the primary lead (−infinity) or on a
-- contact (the contact's created_at): no re-reading of touchpoints, so a bulk import pays for its
-- own rows only: each lead of the statement's marketing touches is probed once (with its
-- earliest one) in kpi_deal_facts(primary_lead_id) and deal_contacts(lead_id). An update or
-- delete recomputes the deals of the leads of its old and new rows.
-- The trigger functions plan with random_page_cost = 1.1: with the default (4, a spinning disk)
-- the planner hashes all 250,000 facts rows and 110,000 contact links of the large seed for every
-- 5,000-row batch of an import instead of probing the indexes for the batch's leads (measured:
-- ~0.65 s against ~0.1 s a batch); a statement of millions of rows still gets the hash join.
CREATE FUNCTION kpi_deal_facts_touchpoints_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE kpi_deal_facts SET marketing_from = NULL WHERE marketing_from IS NOT NULL;
  ELSIF TG_OP = 'INSERT' THEN
    WITH n AS (SELECT n.lead_id, min(n.occurred_at) AS first_at
                 FROM new_rows n WHERE kpi_is_marketing_channel(n.channel) GROUP BY n.lead_id)
    UPDATE kpi_deal_facts f SET marketing_from = '-infinity'
      FROM (SELECT DISTINCT d.deal_id
              FROM n JOIN kpi_deal_facts d ON d.primary_lead_id = n.lead_id
             WHERE n.first_at <= d.closed_at) x
     WHERE f.deal_id = x.deal_id AND f.marketing_from IS DISTINCT FROM '-infinity'::timestamptz;
    WITH n AS (SELECT n.lead_id, min(n.occurred_at) AS first_at
                 FROM new_rows n WHERE kpi_is_marketing_channel(n.channel) GROUP BY n.lead_id)
    UPDATE kpi_deal_facts f SET marketing_from = x.m
      FROM (SELECT dc.deal_id, min(cl.created_at) AS m
              FROM n
              JOIN deal_contacts dc ON dc.lead_id = n.lead_id
              JOIN kpi_deal_facts d ON d.deal_id = dc.deal_id
              JOIN leads cl ON cl.lead_id = n.lead_id
             WHERE n.first_at <= d.closed_at
             GROUP BY dc.deal_id) x
     WHERE f.deal_id = x.deal_id AND (f.marketing_from IS NULL OR f.marketing_from > x.m);
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    NULL; -- an upsert that updated nothing (its statement-level UPDATE trigger fires all the same)
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_deal_facts_of_leads(ARRAY(SELECT n.lead_id FROM new_rows n UNION SELECT o.lead_id FROM old_rows o));
  ELSE
    PERFORM kpi_refresh_deal_facts_of_leads(ARRAY(SELECT DISTINCT o.lead_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A new contact link adds a candidate (the contact's created_at, when it has a marketing touch at
-- or before the deal's close); an update or delete recomputes the deals of its old and new rows.
CREATE FUNCTION kpi_deal_facts_contacts_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    -- Only the primary lead's touches are left: −infinity stays, a contact's date goes.
    UPDATE kpi_deal_facts SET marketing_from = NULL WHERE marketing_from > '-infinity'::timestamptz;
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE kpi_deal_facts f SET marketing_from = x.m
      FROM (SELECT n.deal_id, min(cl.created_at) AS m
              FROM new_rows n
              JOIN kpi_deal_facts d ON d.deal_id = n.deal_id
              JOIN leads cl ON cl.lead_id = n.lead_id
             WHERE EXISTS (SELECT 1 FROM touchpoints t
                            WHERE t.lead_id = n.lead_id AND t.occurred_at <= d.closed_at
                              AND kpi_is_marketing_channel(t.channel))
             GROUP BY n.deal_id) x
     WHERE f.deal_id = x.deal_id AND (f.marketing_from IS NULL OR f.marketing_from > x.m);
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    NULL; -- an upsert that updated nothing (its statement-level UPDATE trigger fires all the same)
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_deal_facts(ARRAY(SELECT n.deal_id FROM new_rows n UNION SELECT o.deal_id FROM old_rows o));
  ELSE
    PERFORM kpi_refresh_deal_facts(ARRAY(SELECT DISTINCT o.deal_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A new usage only lowers content_from (to its asset's published_at, when customer-facing and at
-- or before the deal's close); an update or delete recomputes the deals of its old and new rows.
CREATE FUNCTION kpi_deal_facts_usage_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    UPDATE kpi_deal_facts SET content_from = NULL WHERE content_from IS NOT NULL;
  ELSIF TG_OP = 'INSERT' THEN
    UPDATE kpi_deal_facts f SET content_from = x.m
      FROM (SELECT n.deal_id, min(ca.published_at) AS m
              FROM new_rows n
              JOIN kpi_deal_facts d ON d.deal_id = n.deal_id
              JOIN content_assets ca ON ca.asset_id = n.asset_id
             WHERE n.action IN ('shared', 'sent', 'presented') AND n.occurred_at <= d.closed_at
             GROUP BY n.deal_id) x
     WHERE f.deal_id = x.deal_id AND (f.content_from IS NULL OR f.content_from > x.m);
  ELSIF NOT EXISTS (SELECT 1 FROM old_rows) THEN
    NULL; -- an upsert that updated nothing (its statement-level UPDATE trigger fires all the same)
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM kpi_refresh_deal_facts(ARRAY(SELECT n.deal_id FROM new_rows n WHERE n.deal_id IS NOT NULL
                                         UNION SELECT o.deal_id FROM old_rows o WHERE o.deal_id IS NOT NULL));
  ELSE
    PERFORM kpi_refresh_deal_facts(ARRAY(SELECT DISTINCT o.deal_id FROM old_rows o WHERE o.deal_id IS NOT NULL));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- An asset's published_at is read through its usages: a change of it (or of its id) recomputes
-- the deals with a usage of the asset. A new asset has no usage yet; one with usages cannot be
-- deleted (the foreign key).
CREATE FUNCTION kpi_deal_facts_assets_changed() RETURNS trigger LANGUAGE plpgsql
  SET random_page_cost = 1.1 AS $$
BEGIN
  PERFORM kpi_refresh_deal_facts(array_agg(DISTINCT u.deal_id))
     FROM content_usage u
    WHERE u.deal_id IS NOT NULL
      AND u.asset_id IN (SELECT n.asset_id FROM new_rows n LEFT JOIN old_rows o ON o.asset_id = n.asset_id
                          WHERE o.published_at IS DISTINCT FROM n.published_at)
   HAVING count(*) > 0;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_insert AFTER INSERT ON deals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_deals_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON deals REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_deals_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_delete AFTER DELETE ON deals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_deals_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_truncate AFTER TRUNCATE ON deals
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_deals_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_leads_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_insert AFTER INSERT ON touchpoints REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_touchpoints_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON touchpoints REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_touchpoints_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_delete AFTER DELETE ON touchpoints REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_touchpoints_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_truncate AFTER TRUNCATE ON touchpoints
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_touchpoints_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_insert AFTER INSERT ON deal_contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_contacts_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON deal_contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_contacts_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_delete AFTER DELETE ON deal_contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_contacts_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_truncate AFTER TRUNCATE ON deal_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_contacts_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_insert AFTER INSERT ON content_usage REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_usage_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON content_usage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_usage_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_delete AFTER DELETE ON content_usage REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_usage_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_truncate AFTER TRUNCATE ON content_usage
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_usage_changed();
--> statement-breakpoint
CREATE TRIGGER kpi_deal_facts_update AFTER UPDATE ON content_assets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION kpi_deal_facts_assets_changed();
--> statement-breakpoint
-- Report inputs (migration 0010): the facts move only with their source tables (whose triggers
-- already mark the transaction), but a hand-made fix of the facts must move the version too.
CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON kpi_deal_facts
  FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed('data');
--> statement-breakpoint
INSERT INTO kpi_deal_facts
       (deal_id, stage, created_at, closed_at, amount, owner_email, account_id, primary_lead_id,
        primary_lead_created_at, source_channel, marketing_from, content_from)
SELECT c.deal_id, c.stage, c.created_at, c.closed_at, c.amount, c.owner_email, c.account_id, c.primary_lead_id,
       c.primary_lead_created_at, c.source_channel, c.marketing_from, c.content_from
  FROM kpi_deal_facts_computed c;
