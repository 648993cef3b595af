CREATE TABLE "content_asset_deals" (
	"asset_id" text NOT NULL,
	"deal_id" text NOT NULL,
	"first_cf_at" timestamp with time zone NOT NULL,
	"last_cf_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"primary_lead_id" text,
	"account_id" text,
	"owner_email" text,
	"stage" "deal_stage" NOT NULL,
	"closed_at" timestamp with time zone,
	"amount" numeric NOT NULL,
	CONSTRAINT "content_asset_deals_asset_id_deal_id_pk" PRIMARY KEY("asset_id","deal_id")
);
--> statement-breakpoint
CREATE TABLE "content_asset_users" (
	"asset_id" text NOT NULL,
	"user_email" text NOT NULL,
	"first_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "content_asset_users_asset_id_user_email_pk" PRIMARY KEY("asset_id","user_email")
);
--> statement-breakpoint
CREATE TABLE "content_usage_days" (
	"asset_id" text NOT NULL,
	"day" date NOT NULL,
	"shared" integer NOT NULL,
	"sent" integer NOT NULL,
	"presented" integer NOT NULL,
	"viewed" integer NOT NULL,
	"downloaded" integer NOT NULL,
	CONSTRAINT "content_usage_days_asset_id_day_pk" PRIMARY KEY("asset_id","day")
);
--> statement-breakpoint
CREATE INDEX "content_asset_deals_deal_idx" ON "content_asset_deals" USING btree ("deal_id");--> statement-breakpoint
CREATE INDEX "content_usage_days_day_idx" ON "content_usage_days" USING btree ("day");--> statement-breakpoint
-- Indexes for the refresh functions and the content report's probes (lib/content/facts.ts):
-- a user's usages of an asset in a window; the raw usages of a period's partial first and last days.
CREATE INDEX "content_usage_asset_user_time_idx" ON "content_usage" USING btree ("asset_id", "user_email", "occurred_at");
--> statement-breakpoint
CREATE INDEX "content_usage_time_cover_idx" ON "content_usage" USING btree ("occurred_at") INCLUDE ("asset_id", "action");
--> statement-breakpoint
-- content_asset_deals read index-only: an asset's pairs whose last usage is in or after a window
-- (deals touched), and the pairs of the deals closed in a window (influence, win rates).
CREATE INDEX "content_asset_deals_asset_last_idx" ON "content_asset_deals" USING btree ("asset_id", "last_cf_at")
  INCLUDE ("first_cf_at", "deal_id", "created_at", "primary_lead_id", "account_id", "owner_email");
--> statement-breakpoint
CREATE INDEX "content_asset_deals_closed_idx" ON "content_asset_deals" USING btree ("closed_at")
  INCLUDE ("asset_id", "first_cf_at", "stage", "amount", "created_at", "primary_lead_id", "account_id", "owner_email")
  WHERE "stage" IN ('closed_won', 'closed_lost');
--> statement-breakpoint
-- The facts tables (db/schema/content.ts) are kept exact by statement-level triggers on
-- content_usage, in the same transaction: an insert adds its rows' counts and widens first/last;
-- an update or delete recomputes, from content_usage, the facts rows of the keys its old and new
-- rows touch. Then the tables are filled from the data there.
CREATE FUNCTION content_refresh_usage_days(assets text[], days date[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM content_usage_days f
   USING (SELECT DISTINCT k.a, k.d FROM unnest(assets, days) AS k(a, d)) k
   WHERE f.asset_id = k.a AND f.day = k.d;
  INSERT INTO content_usage_days (asset_id, day, shared, sent, presented, viewed, downloaded)
  SELECT k.a, k.d,
         count(*) FILTER (WHERE u.action = 'shared'), count(*) FILTER (WHERE u.action = 'sent'),
         count(*) FILTER (WHERE u.action = 'presented'), count(*) FILTER (WHERE u.action = 'viewed'),
         count(*) FILTER (WHERE u.action = 'downloaded')
    FROM (SELECT DISTINCT k.a, k.d FROM unnest(assets, days) AS k(a, d)) k
    JOIN content_usage u ON u.asset_id = k.a
                        AND u.occurred_at >= (k.d::timestamp AT TIME ZONE 'UTC')
                        AND u.occurred_at < ((k.d + 1)::timestamp AT TIME ZONE 'UTC')
   GROUP BY k.a, k.d;
$$;
--> statement-breakpoint
CREATE FUNCTION content_refresh_asset_users(assets text[], emails text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM content_asset_users f
   USING (SELECT DISTINCT k.a, k.e FROM unnest(assets, emails) AS k(a, e) WHERE k.e IS NOT NULL) k
   WHERE f.asset_id = k.a AND f.user_email = k.e;
  INSERT INTO content_asset_users (asset_id, user_email, first_at, last_at)
  SELECT k.a, k.e, x.first_at, x.last_at
    FROM (SELECT DISTINCT k.a, k.e FROM unnest(assets, emails) AS k(a, e) WHERE k.e IS NOT NULL) k
    CROSS JOIN LATERAL (SELECT min(u.occurred_at) AS first_at, max(u.occurred_at) AS last_at
                          FROM content_usage u WHERE u.asset_id = k.a AND u.user_email = k.e) x
   WHERE x.first_at IS NOT NULL;
$$;
--> statement-breakpoint
CREATE FUNCTION content_refresh_asset_deals(assets text[], deals text[]) RETURNS void LANGUAGE sql AS $$
  DELETE FROM content_asset_deals f
   USING (SELECT DISTINCT k.a, k.d FROM unnest(assets, deals) AS k(a, d) WHERE k.d IS NOT NULL) k
   WHERE f.asset_id = k.a AND f.deal_id = k.d;
  INSERT INTO content_asset_deals (asset_id, deal_id, first_cf_at, last_cf_at, created_at, primary_lead_id, account_id, owner_email, stage, closed_at, amount)
  SELECT k.a, k.d, x.first_at, x.last_at, d.created_at, d.primary_lead_id, d.account_id, d.owner_email, d.stage, d.closed_at, d.amount
    FROM (SELECT DISTINCT k.a, k.d FROM unnest(assets, deals) AS k(a, d) WHERE k.d IS NOT NULL) k
    JOIN deals d ON d.deal_id = k.d
    CROSS JOIN LATERAL (SELECT min(u.occurred_at) AS first_at, max(u.occurred_at) AS last_at
                          FROM content_usage u
                         WHERE u.deal_id = k.d AND u.asset_id = k.a AND u.action IN ('shared', 'sent', 'presented')) x
   WHERE x.first_at IS NOT NULL;
$$;
--> statement-breakpoint
-- The three refreshes for the usages' keys (parallel arrays: one element per old or new row).
CREATE FUNCTION content_refresh_usage_facts(assets text[], ats timestamptz[], emails text[], deals text[]) RETURNS void LANGUAGE sql AS $$
  SELECT content_refresh_usage_days(array_agg(k.a), array_agg(k.d))
    FROM (SELECT DISTINCT x.a, (x.t AT TIME ZONE 'UTC')::date AS d FROM unnest(assets, ats) AS x(a, t)) k
  HAVING count(*) > 0;
  SELECT content_refresh_asset_users(array_agg(k.a), array_agg(k.e))
    FROM (SELECT DISTINCT x.a, x.e FROM unnest(assets, emails) AS x(a, e) WHERE x.e IS NOT NULL) k
  HAVING count(*) > 0;
  SELECT content_refresh_asset_deals(array_agg(k.a), array_agg(k.d))
    FROM (SELECT DISTINCT x.a, x.d FROM unnest(assets, deals) AS x(a, d) WHERE x.d IS NOT NULL) k
  HAVING count(*) > 0;
$$;
--> statement-breakpoint
CREATE FUNCTION content_usage_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    TRUNCATE content_usage_days, content_asset_users, content_asset_deals;
  ELSIF TG_OP = 'INSERT' THEN
    -- New usages only add: counts add up, first/last move out (no re-reading of content_usage,
    -- so a bulk import pays for its own rows only).
    INSERT INTO content_usage_days AS f (asset_id, day, shared, sent, presented, viewed, downloaded)
    SELECT n.asset_id, (n.occurred_at AT TIME ZONE 'UTC')::date,
           count(*) FILTER (WHERE n.action = 'shared'), count(*) FILTER (WHERE n.action = 'sent'),
           count(*) FILTER (WHERE n.action = 'presented'), count(*) FILTER (WHERE n.action = 'viewed'),
           count(*) FILTER (WHERE n.action = 'downloaded')
      FROM new_rows n
     GROUP BY 1, 2
        ON CONFLICT (asset_id, day) DO UPDATE
       SET shared = f.shared + excluded.shared, sent = f.sent + excluded.sent, presented = f.presented + excluded.presented,
           viewed = f.viewed + excluded.viewed, downloaded = f.downloaded + excluded.downloaded;
    INSERT INTO content_asset_users AS f (asset_id, user_email, first_at, last_at)
    SELECT n.asset_id, n.user_email, min(n.occurred_at), max(n.occurred_at)
      FROM new_rows n WHERE n.user_email IS NOT NULL
     GROUP BY 1, 2
        ON CONFLICT (asset_id, user_email) DO UPDATE
       SET first_at = least(f.first_at, excluded.first_at), last_at = greatest(f.last_at, excluded.last_at)
     WHERE excluded.first_at < f.first_at OR excluded.last_at > f.last_at;
    INSERT INTO content_asset_deals AS f (asset_id, deal_id, first_cf_at, last_cf_at, created_at, primary_lead_id, account_id, owner_email, stage, closed_at, amount)
    SELECT x.asset_id, x.deal_id, x.first_at, x.last_at, d.created_at, d.primary_lead_id, d.account_id, d.owner_email, d.stage, d.closed_at, d.amount
      FROM (SELECT n.asset_id, n.deal_id, min(n.occurred_at) AS first_at, max(n.occurred_at) AS last_at
              FROM new_rows n WHERE n.deal_id IS NOT NULL AND n.action IN ('shared', 'sent', 'presented')
             GROUP BY 1, 2) x
      JOIN deals d ON d.deal_id = x.deal_id
        ON CONFLICT (asset_id, deal_id) DO UPDATE
       SET first_cf_at = least(f.first_cf_at, excluded.first_cf_at), last_cf_at = greatest(f.last_cf_at, excluded.last_cf_at)
     WHERE excluded.first_cf_at < f.first_cf_at OR excluded.last_cf_at > f.last_cf_at;
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM content_refresh_usage_facts(array_agg(x.asset_id), array_agg(x.occurred_at), array_agg(x.user_email), array_agg(x.deal_id))
       FROM (SELECT n.asset_id, n.occurred_at, n.user_email, n.deal_id FROM new_rows n
             UNION ALL
             SELECT o.asset_id, o.occurred_at, o.user_email, o.deal_id FROM old_rows o) x;
  ELSE
    PERFORM content_refresh_usage_facts(array_agg(o.asset_id), array_agg(o.occurred_at), array_agg(o.user_email), array_agg(o.deal_id))
       FROM old_rows o;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER content_usage_facts_insert AFTER INSERT ON content_usage REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION content_usage_changed();
--> statement-breakpoint
CREATE TRIGGER content_usage_facts_update AFTER UPDATE ON content_usage REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION content_usage_changed();
--> statement-breakpoint
CREATE TRIGGER content_usage_facts_delete AFTER DELETE ON content_usage REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION content_usage_changed();
--> statement-breakpoint
CREATE TRIGGER content_usage_facts_truncate AFTER TRUNCATE ON content_usage
  FOR EACH STATEMENT EXECUTE FUNCTION content_usage_changed();
--> statement-breakpoint
-- The deal columns copied into content_asset_deals follow the deal (a usage's deal_id references
-- deals, so a new deal has no pair yet and a deal with usages cannot be deleted: updates only).
CREATE FUNCTION content_deals_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE content_asset_deals f
     SET created_at = n.created_at, primary_lead_id = n.primary_lead_id, account_id = n.account_id,
         owner_email = n.owner_email, stage = n.stage, closed_at = n.closed_at, amount = n.amount
    FROM new_rows n
   WHERE f.deal_id = n.deal_id
     AND (f.created_at, f.primary_lead_id, f.account_id, f.owner_email, f.stage, f.closed_at, f.amount)
         IS DISTINCT FROM (n.created_at, n.primary_lead_id, n.account_id, n.owner_email, n.stage, n.closed_at, n.amount);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER content_deals_update AFTER UPDATE ON deals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION content_deals_changed();
--> statement-breakpoint
-- Report inputs (migration 0010): the facts move only with content_usage (whose own trigger
-- already marks the transaction), but a hand-made fix of a facts table must move the version too.
DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['content_usage_days', 'content_asset_users', 'content_asset_deals'] LOOP
    EXECUTE format('CREATE TRIGGER report_inputs_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION report_inputs_changed(''data'')', t);
  END LOOP;
END
$$;
--> statement-breakpoint
INSERT INTO content_usage_days (asset_id, day, shared, sent, presented, viewed, downloaded)
SELECT u.asset_id, (u.occurred_at AT TIME ZONE 'UTC')::date,
       count(*) FILTER (WHERE u.action = 'shared'), count(*) FILTER (WHERE u.action = 'sent'),
       count(*) FILTER (WHERE u.action = 'presented'), count(*) FILTER (WHERE u.action = 'viewed'),
       count(*) FILTER (WHERE u.action = 'downloaded')
  FROM content_usage u
 GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO content_asset_users (asset_id, user_email, first_at, last_at)
SELECT u.asset_id, u.user_email, min(u.occurred_at), max(u.occurred_at)
  FROM content_usage u WHERE u.user_email IS NOT NULL
 GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO content_asset_deals (asset_id, deal_id, first_cf_at, last_cf_at, created_at, primary_lead_id, account_id, owner_email, stage, closed_at, amount)
SELECT x.asset_id, x.deal_id, x.first_at, x.last_at, d.created_at, d.primary_lead_id, d.account_id, d.owner_email, d.stage, d.closed_at, d.amount
  FROM (SELECT u.asset_id, u.deal_id, min(u.occurred_at) AS first_at, max(u.occurred_at) AS last_at
          FROM content_usage u WHERE u.deal_id IS NOT NULL AND u.action IN ('shared', 'sent', 'presented')
         GROUP BY 1, 2) x
  JOIN deals d ON d.deal_id = x.deal_id;
