import type postgres from "postgres";
import { REF_TABLES, type RefTable } from "../specs";

/**
 * Resolves kept references of mapped imports (import_pending_refs; issue 14 item 3) whose record
 * has arrived: fills the empty reference (or, for a deal contact, stores the pair) and deletes the
 * pending row. A lead reference also resolves through import_id_aliases (a Salesforce contact
 * converted from a lead). Runs after every import; cheap when nothing is pending. Returns how
 * many references were resolved.
 */
type Runner = Pick<postgres.Sql, "unsafe"> | Pick<postgres.TransactionSql, "unsafe">;

const KEYS: Record<string, string> = { leads: "lead_id", deals: "deal_id", touchpoints: "touchpoint_id", content_usage: "usage_id" };
const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export async function resolvePendingRefs(sql: Runner): Promise<number> {
  const combos = await sql.unsafe<{ target_table: string; column_name: string; ref_table: string }[]>(
    "select distinct target_table, column_name, ref_table from import_pending_refs",
  );
  let resolved = 0;
  for (const c of combos) {
    if (!(c.ref_table in REF_TABLES)) continue;
    const ref = REF_TABLES[c.ref_table as RefTable];
    const refId = c.ref_table === "leads" ? "coalesce((select a.lead_id from import_id_aliases a where a.alias = p.ref_id), p.ref_id)" : "p.ref_id";
    const ready = `select p.id, p.target_key, ${refId} as ref from import_pending_refs p
      where p.target_table = $1 and p.column_name = $2 and p.ref_table = $3
        and exists (select 1 from ${q(c.ref_table)} r where r.${q(ref.key)} = ${refId})`;
    let rows: { n: number }[];
    if (c.target_table === "deal_contacts") {
      rows = await sql.unsafe(
        `with ready as (${ready} and exists (select 1 from deals d where d.deal_id = p.target_key)),
              ins as (insert into deal_contacts (deal_id, lead_id) select target_key, ref from ready on conflict do nothing),
              del as (delete from import_pending_refs where id in (select id from ready) returning 1)
         select count(*)::int as n from del`,
        [c.target_table, c.column_name, c.ref_table],
      );
    } else {
      const key = KEYS[c.target_table];
      if (!key) continue;
      rows = await sql.unsafe(
        `with ready as (${ready}),
              upd as (update ${q(c.target_table)} t set ${q(c.column_name)} = ready.ref from ready
                      where t.${q(key)} = ready.target_key and t.${q(c.column_name)} is null returning 1),
              del as (delete from import_pending_refs where id in (select id from ready) returning 1)
         select count(*)::int as n from del`,
        [c.target_table, c.column_name, c.ref_table],
      );
    }
    resolved += rows[0]?.n ?? 0;
  }
  return resolved;
}
