import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";
import { inWindow, ts, wonStage, type KpiFilters, type SqlExecutor, type TimeWindow } from "@/lib/kpi";
import { ATTRIBUTION_GROUP_BYS, ATTRIBUTION_MODELS, type AttributionGroupBy, type AttributionModel } from "./models";
import {
  BASE,
  BASE_COUNTS,
  amountParts,
  keyOf,
  modelRowsOfG,
  pathColumns,
  pathCtes,
  withLeadRef,
  wonDealsWithoutLeadRef,
  type BaseCount,
} from "./sql";

/**
 * The attribution summary (db/schema/attribution.ts, migration 0018): every won deal's path
 * reduced once to one row per grouping key (dealKeyRows), so the report (attributionSummarySql)
 * sums a few rows per deal instead of building every path again (issue 12 item 5).
 *
 * Exactness. The rows of a deal are what its path — built by the one path SQL (./sql.ts
 * pathCtes) — reduces to, and the report reduces them with the same arithmetic as the
 * from-scratch statement (./sql.ts attributionSql): per key and path shape, Σ amount × (number
 * of the key's touches with each flag) in whole cents as integers plus sub-cent rests as numeric,
 * then the models' shared expressions (modelRowsOfG). A won deal in P is read from the summary
 * when its row exists and its `valid_from` ≤ as_of (then the stored path is the path at as_of,
 * see db/schema/attribution.ts); every other won deal in P — not summarised yet, changed since
 * (the triggers delete its rows), or seen as of a moment before its inputs were final — has its
 * path built from scratch in the same statement. So the summary can be incomplete, never wrong;
 * the tests (summary.test.ts) check the two statements agree.
 *
 * Only time decay's sums are doubles (as in the from-scratch statement): the summary adds each
 * deal's key share Σ w / Σ w_path first, so the last bits of the double sum can differ; the
 * values are converted to numeric at 15 significant digits either way.
 */

/** The advisory lock the refresh holds exclusively and the invalidation triggers share (migration 0018). */
const LOCK = sql`hashtext('alignboard.attribution_paths')`;

/**
 * Deals summarised per transaction of a refresh: bounds its memory (~20 touches per deal on the
 * large seed) and how long a writer of the path tables waits for the advisory lock (1–2 s).
 */
const REFRESH_CHUNK = 5_000;

/**
 * The per-deal rows of one grouping from the CTE `path_m` (alias p): per deal and key, the path's
 * shape, the number of the key's touches with each base flag (./sql.ts BASE_COUNTS), the key's
 * first position on the path and its time-decay share Σ w / Σ w of the path.
 */
export function dealKeyRows(groupBy: AttributionGroupBy): SQL {
  const c = pathColumns("p");
  const counts = BASE.map((k: BaseCount) => sql`count(*) filter (where ${BASE_COUNTS[k](c)})::int as ${sql.raw(`c_${k}`)}`);
  return sql`select p.deal_id, ${groupBy}::text as group_by, ${keyOf(groupBy)} as key, p.n::int as n, p.lc::int as lc, p.dc::int as dc,
                    ${sql.join(counts, sql`, `)}, min(p.pos)::int as min_pos, sum(p.w / p.sw) as td
               from path_m p
              group by p.deal_id, 3, p.n, p.lc, p.dc`;
}

/**
 * The won deals to summarise (ids: a jsonb array of deal ids), as the relation pathCtes builds
 * paths for, seen with nothing in the future (as_of = infinity: the primary lead's mql_at when it
 * has one, every deal contact), and `valid_from`: the latest instant any of that depends on — the
 * close, the deal's and the primary lead's creation, the primary lead's mql_at, each deal
 * contact's creation. For any as_of ≥ valid_from the deal exists, is won, and its path at as_of
 * is this one (kpi-definitions.md §1, §3).
 */
function dealsToSummarise(ids: SQL): SQL {
  return sql`select d.deal_id, d.primary_lead_id, d.amount, ${amountParts(sql.raw("d.amount"))}, d.created_at, d.closed_at as end_at,
                    coalesce(pl.mql_at, pl.created_at) as lead_ref,
                    greatest(d.closed_at, d.created_at, pl.created_at, pl.mql_at,
                             (select max(cl.created_at) from deal_contacts dc join leads cl on cl.lead_id = dc.lead_id
                               where dc.deal_id = d.deal_id)) as valid_from
               from deals d left join leads pl on pl.lead_id = d.primary_lead_id
              where d.deal_id in (select jsonb_array_elements_text(${ids}::jsonb)) and ${wonStage("d")}`;
}

const KEY_COLUMNS = ["n", "lc", "dc", ...BASE.map((k) => `c_${k}`), "min_pos", "td"];

/**
 * Fills the summary for every won deal that has no row (never summarised, or changed since: the
 * triggers of migration 0018 delete a changed deal's rows), REFRESH_CHUNK deals per transaction,
 * each under the exclusive side of the summary's advisory lock (a writer's trigger holds the shared
 * side until it commits, so no refresh stores a path a running transaction is changing). Run after
 * each import run and migration; harmless at any time (a deal it has not reached yet is computed
 * from scratch by the report). Returns the number of deals summarised.
 */
export async function refreshAttributionSummary(db: Db): Promise<number> {
  let total = 0;
  for (;;) {
    const done = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
      await tx.execute(sql.raw("set local work_mem = '64MB'"));
      const [todo] = await tx.execute<{ ids: string | null; n: string | number }>(sql`
        select jsonb_agg(t.deal_id)::text as ids, count(*) as n
          from (select d.deal_id from deals d
                 where ${wonStage("d")} and not exists (select 1 from attribution_paths h where h.deal_id = d.deal_id)
                 order by d.deal_id limit ${REFRESH_CHUNK}) t`);
      const n = Number(todo?.n ?? 0);
      // Nothing to do writes nothing (a write, even of no rows, would move the report cache's data version).
      if (n === 0 || !todo?.ids) return 0;
      const ids = sql`${todo.ids}`;
      // Rows left without their deal's row (only by a hand-made delete): replaced below.
      await tx.execute(sql`delete from attribution_path_keys k where k.deal_id in (select jsonb_array_elements_text(${ids}::jsonb))`);
      await tx.execute(sql`with ${pathCtes(dealsToSummarise(ids), "infinity")},
        keys as (${sql.join(ATTRIBUTION_GROUP_BYS.map(dealKeyRows), sql` union all `)}),
        ins as (
          insert into attribution_path_keys (deal_id, group_by, key, closed_at, valid_from, ${sql.raw(KEY_COLUMNS.join(", "))})
          select k.deal_id, k.group_by, k.key, di.end_at, di.valid_from, ${sql.raw(KEY_COLUMNS.map((c) => `k.${c}`).join(", "))}
            from keys k join deals_in di on di.deal_id = k.deal_id
        )
        insert into attribution_paths (deal_id, closed_at, valid_from, n)
        select di.deal_id, di.end_at, di.valid_from, coalesce(k.n, 0)
          from deals_in di
          left join (select k.deal_id, max(k.n) as n from keys k where k.group_by = 'channel' group by k.deal_id) k on k.deal_id = di.deal_id`);
      return n;
    });
    total += done;
    if (done < REFRESH_CHUNK) return total;
  }
}

/**
 * The won deals of `deals_all` (the period's, without lead_ref) whose summary does not hold at
 * as_of (no row, or valid_from after as_of), with their lead_ref: the deals whose paths are built
 * from scratch.
 */
function notSummarised(asOf: string): SQL {
  return withLeadRef(
    sql`select da.* from deals_all da
         where not exists (select 1 from attribution_paths h where h.deal_id = da.deal_id and h.valid_from <= ${ts(asOf)})`,
    asOf,
  );
}

/**
 * The attribution report's statement over the summary: the same answer as ./sql.ts attributionSql
 * (one row per model, key and denominator, and the total row), from the summary rows of the won
 * deals in P whose summary holds at as_of, and from their paths built from scratch for the others.
 */
export function attributionSummarySql(
  p: TimeWindow,
  filters: KpiFilters,
  groupBy: AttributionGroupBy,
  models: readonly AttributionModel[] = ATTRIBUTION_MODELS,
): SQL {
  const asOf = ts(p.asOf);
  const cols = sql.raw(KEY_COLUMNS.map((c) => `r.${c}`).join(", "));
  // A deal's amount in whole cents that fit an int (so cents × a count fits a bigint) and the rest
  // (null for every amount with at most two decimals below 21,474,836.48): amount = ac / 100 + ar.
  const small = sql`abs(da.amount_cents) < 2147483648`;
  const amount = sql`case when ${small} then da.amount_cents else 0 end as ac, case when ${small} then da.amount_rest else da.amount end as ar,
                     da.amount_f`;
  const sumOf = (k: BaseCount) => sql.raw(`sum(s.ac * s.c_${k})::numeric / 100 + coalesce(sum(s.ar * s.c_${k}) filter (where s.ar is not null), 0) as a_${k}`);
  return sql`with deals_all as (${wonDealsWithoutLeadRef(p, filters)}),
  stored as (
    select r.key, ${cols}, ${amount}
      from attribution_path_keys r join deals_all da on da.deal_id = r.deal_id
     where r.group_by = ${groupBy} and ${inWindow(sql.raw("r.closed_at"), p)} and r.valid_from <= ${asOf}
  ),
  ${pathCtes(notSummarised(p.asOf), p.asOf)},
  live as (
    select r.key, ${cols}, ${amount}
      from (${dealKeyRows(groupBy)}) r join deals_in da on da.deal_id = r.deal_id
  ),
  src as (select * from stored union all select * from live),
  g as (
    select s.key, s.n, s.lc, s.dc, ${sql.join(BASE.map(sumOf), sql`, `)},
           sum(s.amount_f * s.td)::numeric as a_td,
           count(*) as d_all, count(*) filter (where s.c_first > 0) as d_first, count(*) filter (where s.c_last > 0) as d_last,
           count(*) filter (where s.min_pos <= s.lc) as d_uplc, count(*) filter (where s.min_pos <= s.dc) as d_updc
      from src s
     group by s.key, s.n, s.lc, s.dc
  )
  ${modelRowsOfG(sql.raw("deals_all"), models)}`;
}

/**
 * Conversion assists over the summary (the same rows as ./closed-loop.ts assistsSql): per channel,
 * the won deals in P with a touch on it before the last touch (the key has more touches than its
 * last one) and those whose last touch is on it, from the summary where it holds at as_of and from
 * the paths built from scratch for the other deals.
 */
export function assistsSummarySql(p: TimeWindow, filters: KpiFilters): SQL {
  const asOf = ts(p.asOf);
  return sql`with deals_all as (${wonDealsWithoutLeadRef(p, filters)}),
  ${pathCtes(notSummarised(p.asOf), p.asOf)},
  src as (
    select r.key, r.c_touches, r.c_last
      from attribution_path_keys r join deals_all da on da.deal_id = r.deal_id
     where r.group_by = 'channel' and ${inWindow(sql.raw("r.closed_at"), p)} and r.valid_from <= ${asOf}
    union all
    select r.key, r.c_touches, r.c_last from (${dealKeyRows("channel")}) r
  )
  select s.key as channel, count(*) filter (where s.c_touches > s.c_last) as assisted, count(*) filter (where s.c_last > 0) as last_touch
    from src s
   group by 1`;
}

/** How many won deals the summary covers and how many it lacks (tests, the benchmark's report). */
export async function summaryCoverage(db: SqlExecutor): Promise<{ summarised: number; missing: number }> {
  const [row] = await db.execute<{ summarised: string | number; missing: string | number }>(sql`
    select (select count(*) from attribution_paths) as summarised,
           (select count(*) from deals d where ${wonStage("d")}
               and not exists (select 1 from attribution_paths h where h.deal_id = d.deal_id)) as missing`);
  return { summarised: Number(row?.summarised ?? 0), missing: Number(row?.missing ?? 0) };
}
