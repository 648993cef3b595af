import "server-only";
import { sql } from "drizzle-orm";
import { fromDecimal, type SqlExecutor } from "@/lib/kpi";
import { allocateCents, centsToNumber } from "./allocate";
import { pathShares } from "./journey";
import { ATTRIBUTION_MODELS, type AttributionModel } from "./models";
import { decayWeight, pathColumns, rationalShares } from "./sql";

/**
 * Test support: a hand-built path shape (n touches, the lead-creation and deal-creation
 * positions, and each touch's days before the close) run through the models' own SQL
 * (./sql.ts rationalShares) and split with the journey's rules, so the tests exercise the very
 * expressions the report sums.
 */
export interface PathShape {
  n: number;
  lc: number;
  dc: number;
  /** Days from each touch to the close (time decay); default: all 0. */
  daysBefore?: number[];
}

export async function creditsOfShapes(
  db: SqlExecutor,
  shapes: readonly PathShape[],
  amounts: readonly string[],
): Promise<Record<AttributionModel, number[]>[]> {
  const values = shapes.flatMap((s, k) =>
    Array.from({ length: s.n }, (_, i) => {
      const days = s.daysBefore?.[i] ?? 0;
      const minDays = Math.min(...(s.daysBefore ?? [0]));
      return sql`(${k}::int, ${i + 1}::bigint, ${s.n}::bigint, ${s.lc}::bigint, ${s.dc}::bigint, ${days - minDays}::float8)`;
    }),
  );
  if (values.length === 0) return shapes.map(() => Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, []])) as unknown as Record<AttributionModel, number[]>);
  const shares = rationalShares(pathColumns("p"));
  const rational = ATTRIBUTION_MODELS.filter((m) => m !== "time_decay") as Exclude<AttributionModel, "time_decay">[];
  const rows = await db.execute<Record<string, unknown>>(sql`
    select p.k, p.pos, ${decayWeight(sql`p.d`)} as w,
           ${sql.join(
             rational.map((m) => sql`(${shares[m].num})::text as ${sql.raw(`num_${m}`)}, (${shares[m].den})::text as ${sql.raw(`den_${m}`)}`),
             sql`, `,
           )}
      from (values ${sql.join(values, sql`, `)}) p(k, pos, n, lc, dc, d)
     order by p.k, p.pos`);
  return shapes.map((_, k) => {
    const mine = rows.filter((r) => Number(r.k) === k);
    const touches = mine.map((r) => ({
      nums: Object.fromEntries(rational.map((m) => [m, BigInt(String(r[`num_${m}`]))])),
      dens: Object.fromEntries(rational.map((m) => [m, BigInt(String(r[`den_${m}`]))])),
      w: Number(r.w),
    }));
    const sets = pathShares(touches);
    const amount = fromDecimal(amounts[k]!);
    return Object.fromEntries(
      ATTRIBUTION_MODELS.map((m) => [m, allocateCents(amount, sets[m]).map(centsToNumber)]),
    ) as Record<AttributionModel, number[]>;
  });
}

/** The exact shares of the shapes (fractions as numbers), for checking the models' percentages. */
export async function sharesOfShapes(db: SqlExecutor, shapes: readonly PathShape[]): Promise<Record<AttributionModel, number[]>[]> {
  // 1,000,000.00 split to the cent shows every share to 1e-8.
  const credits = await creditsOfShapes(db, shapes, shapes.map(() => "1000000"));
  return credits.map((c) => Object.fromEntries(ATTRIBUTION_MODELS.map((m) => [m, c[m].map((x) => x / 1_000_000)])) as Record<AttributionModel, number[]>);
}
