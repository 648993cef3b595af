-- The attribution summary (db/schema/attribution.ts, lib/attribution/summary.ts): each won deal's
-- path reduced to one row per grouping key, so the report sums a few rows per deal instead of
-- building every path again (issue 12 item 5). `attribution_paths` has one row per summarised
-- deal (its path length and the instant from which the stored path is the path at any as_of);
-- `attribution_path_keys` one row per deal, grouping and key with the counts the models need.
CREATE TABLE "attribution_paths" (
	"deal_id" text PRIMARY KEY NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "attribution_path_keys" (
	"deal_id" text NOT NULL,
	"group_by" text NOT NULL,
	"key" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"n" integer NOT NULL,
	"lc" integer NOT NULL,
	"dc" integer NOT NULL,
	"c_touches" integer NOT NULL,
	"c_first" integer NOT NULL,
	"c_lc" integer NOT NULL,
	"c_dc" integer NOT NULL,
	"c_last" integer NOT NULL,
	"c_uplc" integer NOT NULL,
	"c_updc" integer NOT NULL,
	"min_pos" integer NOT NULL,
	"td" double precision NOT NULL,
	CONSTRAINT "attribution_path_keys_deal_id_group_by_key_pk" PRIMARY KEY("deal_id","group_by","key"),
	CONSTRAINT "attribution_path_keys_group_by_check" CHECK ("group_by" in ('channel', 'campaign'))
);
--> statement-breakpoint
CREATE INDEX "attribution_path_keys_closed_idx" ON "attribution_path_keys" USING btree ("group_by","closed_at");
--> statement-breakpoint
-- Invalidation: a statement that changes a summarised deal's path deletes the deal's rows, in the
-- same transaction (statement-level triggers, so a bulk import pays one probe per statement). A
-- deal without rows is computed from scratch by the report, so the summary is never wrong, only
-- incomplete until lib/attribution/summary.ts refreshAttributionSummary refills it (after every
-- import run and migration). Writers take the shared side of an advisory lock whose exclusive side
-- the refresh holds, so a refresh never stores a path that a concurrent writer has changed.
CREATE FUNCTION attribution_forget_deals(ids text[]) RETURNS void LANGUAGE sql AS $$
  SELECT pg_advisory_xact_lock_shared(hashtext('alignboard.attribution_paths'));
  WITH gone AS (DELETE FROM attribution_paths h WHERE h.deal_id = ANY (ids) RETURNING h.deal_id)
  DELETE FROM attribution_path_keys k USING gone WHERE k.deal_id = gone.deal_id;
$$;
--> statement-breakpoint
-- The summarised deals whose paths contain a touch of `leads` at or after `since` (parallel
-- arrays): the deals those leads are the primary lead or a deal contact of, closed at or after
-- the touch (a touch after the close is on no path).
CREATE FUNCTION attribution_forget_leads(leads text[], since timestamptz[]) RETURNS void LANGUAGE sql AS $$
  WITH x AS MATERIALIZED (SELECT x.l, min(x.t) AS t FROM unnest(leads, since) AS x(l, t) GROUP BY x.l)
  SELECT attribution_forget_deals(ARRAY(
    SELECT h.deal_id
      FROM x JOIN deals d ON d.primary_lead_id = x.l
      JOIN attribution_paths h ON h.deal_id = d.deal_id AND h.closed_at >= x.t
    UNION
    SELECT h.deal_id
      FROM x JOIN deal_contacts dc ON dc.lead_id = x.l
      JOIN attribution_paths h ON h.deal_id = dc.deal_id AND h.closed_at >= x.t));
$$;
--> statement-breakpoint
CREATE FUNCTION attribution_touchpoints_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- first the lock (see attribution_forget_deals), then a look at the summary
  PERFORM pg_advisory_xact_lock_shared(hashtext('alignboard.attribution_paths'));
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE attribution_paths, attribution_path_keys;
  ELSIF NOT EXISTS (SELECT 1 FROM attribution_paths) THEN
    NULL; -- nothing summarised yet (a first import): nothing to forget
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM attribution_forget_leads(array_agg(n.lead_id), array_agg(n.occurred_at)) FROM new_rows n;
  ELSIF TG_OP = 'UPDATE' THEN
    -- the old and new versions of the rows whose path inputs changed
    PERFORM attribution_forget_leads(array_agg(x.lead_id), array_agg(x.occurred_at))
       FROM (SELECT n.lead_id, n.occurred_at FROM new_rows n
              WHERE NOT EXISTS (SELECT 1 FROM old_rows o WHERE o.touchpoint_id = n.touchpoint_id
                                   AND (o.lead_id, o.occurred_at, o.channel, o.campaign_id)
                                       IS NOT DISTINCT FROM (n.lead_id, n.occurred_at, n.channel, n.campaign_id))
             UNION ALL
             SELECT o.lead_id, o.occurred_at FROM old_rows o
              WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.touchpoint_id = o.touchpoint_id
                                   AND (o.lead_id, o.occurred_at, o.channel, o.campaign_id)
                                       IS NOT DISTINCT FROM (n.lead_id, n.occurred_at, n.channel, n.campaign_id))) x
      HAVING count(*) > 0;
  ELSE
    PERFORM attribution_forget_leads(array_agg(o.lead_id), array_agg(o.occurred_at)) FROM old_rows o;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A deal's own inputs: stage, close, creation and primary lead (its amount is read live). A new
-- deal has no summary yet.
CREATE FUNCTION attribution_deals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- first the lock (see attribution_forget_deals), then a look at the summary
  PERFORM pg_advisory_xact_lock_shared(hashtext('alignboard.attribution_paths'));
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE attribution_paths, attribution_path_keys;
  ELSIF NOT EXISTS (SELECT 1 FROM attribution_paths) THEN
    NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM attribution_forget_deals(ARRAY(
      SELECT o.deal_id FROM old_rows o
       WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.deal_id = o.deal_id
                            AND (n.stage, n.closed_at, n.created_at, n.primary_lead_id)
                                IS NOT DISTINCT FROM (o.stage, o.closed_at, o.created_at, o.primary_lead_id))));
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM attribution_forget_deals(ARRAY(SELECT o.deal_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE FUNCTION attribution_deal_contacts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- first the lock (see attribution_forget_deals), then a look at the summary
  PERFORM pg_advisory_xact_lock_shared(hashtext('alignboard.attribution_paths'));
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE attribution_paths, attribution_path_keys;
  ELSIF NOT EXISTS (SELECT 1 FROM attribution_paths) THEN
    NULL;
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM attribution_forget_deals(ARRAY(SELECT DISTINCT n.deal_id FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM attribution_forget_deals(ARRAY(SELECT n.deal_id FROM new_rows n UNION SELECT o.deal_id FROM old_rows o));
  ELSE
    PERFORM attribution_forget_deals(ARRAY(SELECT DISTINCT o.deal_id FROM old_rows o));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- A lead's inputs: its created_at (as a contact, and as the primary lead's fallback of mql_at)
-- and mql_at (the primary lead's lead-creation instant). A new lead is on no deal yet.
CREATE FUNCTION attribution_leads_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids text[];
BEGIN
  -- first the lock (see attribution_forget_deals), then a look at the summary
  PERFORM pg_advisory_xact_lock_shared(hashtext('alignboard.attribution_paths'));
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE attribution_paths, attribution_path_keys;
    RETURN NULL;
  ELSIF NOT EXISTS (SELECT 1 FROM attribution_paths) THEN
    RETURN NULL;
  ELSIF TG_OP = 'UPDATE' THEN
    ids := ARRAY(SELECT o.lead_id FROM old_rows o
                  WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.lead_id = o.lead_id
                                       AND (n.created_at, n.mql_at) IS NOT DISTINCT FROM (o.created_at, o.mql_at)));
  ELSE
    ids := ARRAY(SELECT o.lead_id FROM old_rows o);
  END IF;
  IF cardinality(ids) > 0 THEN
    PERFORM attribution_forget_deals(ARRAY(
      SELECT d.deal_id FROM deals d WHERE d.primary_lead_id = ANY (ids)
      UNION
      SELECT dc.deal_id FROM deal_contacts dc WHERE dc.lead_id = ANY (ids)));
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['touchpoints', 'deals', 'deal_contacts', 'leads'] LOOP
    IF t IN ('touchpoints', 'deal_contacts') THEN -- a new lead or deal is on no summarised path
      EXECUTE format('CREATE TRIGGER attribution_%1$s_insert AFTER INSERT ON %1$I REFERENCING NEW TABLE AS new_rows
                      FOR EACH STATEMENT EXECUTE FUNCTION attribution_%1$s_changed()', t);
    END IF;
    EXECUTE format('CREATE TRIGGER attribution_%1$s_update AFTER UPDATE ON %1$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION attribution_%1$s_changed()', t);
    EXECUTE format('CREATE TRIGGER attribution_%1$s_delete AFTER DELETE ON %1$I REFERENCING OLD TABLE AS old_rows
                    FOR EACH STATEMENT EXECUTE FUNCTION attribution_%1$s_changed()', t);
    EXECUTE format('CREATE TRIGGER attribution_%1$s_truncate AFTER TRUNCATE ON %1$I
                    FOR EACH STATEMENT EXECUTE FUNCTION attribution_%1$s_changed()', t);
  END LOOP;
END
$$;
--> statement-breakpoint
-- Report inputs (migration 0010): the summary moves with its source tables (whose own triggers
-- already mark the transaction) and with a refresh; a hand-made fix must move the version too.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['attribution_paths', 'attribution_path_keys'] LOOP
    EXECUTE format('CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed(''data'')', t);
  END LOOP;
END
$$;
