import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";

/**
 * Exchange rates for mapped deal imports (issue 14 item 3; db/schema/imports.ts currency_rates):
 * `rate` = reporting-currency units per one unit of `currency`. Writes are versioned (a stale
 * `expectedVersion` is refused) and audited. The admin form and `npm run settings -- rate` use these.
 */
export interface CurrencyRate {
  currency: string;
  rate: string;
  version: number;
  updatedAt: string;
}

export class RateError extends Error {
  constructor(
    message: string,
    readonly field: "currency" | "rate" | "version",
  ) {
    super(message);
  }
}

/** Every rate, by currency code. */
export async function listRates(db: Db): Promise<CurrencyRate[]> {
  const rows = await db.$client.unsafe<{ currency: string; rate: string; version: number; updated_at: Date }[]>(
    "select currency, rate::text as rate, version, updated_at from currency_rates order by currency",
  );
  return rows.map((r) => ({ currency: r.currency, rate: r.rate, version: r.version, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** The rates as numbers, for the transform. */
export async function rateMap(db: Pick<Db, "$client">): Promise<Map<string, number>> {
  const rows = await db.$client.unsafe<{ currency: string; rate: string }[]>("select currency, rate::text as rate from currency_rates");
  return new Map(rows.map((r) => [r.currency, Number(r.rate)]));
}

/** Checks a currency code and a rate as typed; returns the normalised pair or throws RateError naming the field. */
export function checkRate(currency: string, rate: string): { currency: string; rate: string } {
  const code = currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) throw new RateError(`currency must be a three-letter ISO 4217 code, not "${currency}"`, "currency");
  const r = rate.trim();
  if (!/^\d+(\.\d+)?$/.test(r) || Number(r) <= 0) throw new RateError(`rate must be a positive decimal with "." (units of the reporting currency per 1 ${code}), not "${rate}"`, "rate");
  return { currency: code, rate: r };
}

/**
 * Sets one rate. `expectedVersion`: the version the editor saw (null: the rate must not exist
 * yet; undefined: no check, the CLI). Returns the stored rate.
 */
export async function setRate(
  db: Db,
  input: { currency: string; rate: string; expectedVersion?: number | null },
  actor: { userId?: number | null; label?: string },
): Promise<CurrencyRate> {
  const { currency, rate } = checkRate(input.currency, input.rate);
  const [settings] = await db.$client.unsafe<{ currency: string }[]>("select currency from organisation_settings where id = 1");
  if (settings && settings.currency.toUpperCase() === currency) throw new RateError(`${currency} is the reporting currency; it needs no rate`, "currency");
  return db.transaction(async (tx) => {
    const [before] = (await tx.execute(sql`select rate::text as rate, version from currency_rates where currency = ${currency} for update`)) as unknown as { rate: string; version: number }[];
    if (input.expectedVersion !== undefined && (before?.version ?? null) !== input.expectedVersion) {
      throw new RateError(`the ${currency} rate was changed by someone else meanwhile (version ${before?.version ?? "none"}); reload and try again`, "version");
    }
    const [row] = (await tx.execute(
      sql`insert into currency_rates (currency, rate, updated_by) values (${currency}, ${rate}::numeric, ${actor.userId ?? null})
       on conflict (currency) do update set rate = excluded.rate, version = currency_rates.version + 1, updated_by = excluded.updated_by, updated_at = now()
       returning currency, rate::text as rate, version, updated_at`,
    )) as unknown as { currency: string; rate: string; version: number; updated_at: Date }[];
    await recordAudit(tx, {
      actor: { userId: actor.userId ?? null, label: actor.label ?? null },
      entity: "currency_rate",
      action: "set",
      entityId: currency,
      ...(before ? { before: { rate: before.rate, version: before.version } } : {}),
      after: { rate: row!.rate, version: row!.version },
    });
    return { currency: row!.currency, rate: row!.rate, version: row!.version, updatedAt: new Date(row!.updated_at).toISOString() };
  });
}

/** Removes a rate (deals in that currency are then rejected again). */
export async function deleteRate(db: Db, currency: string, actor: { userId?: number | null; label?: string }): Promise<boolean> {
  const code = currency.trim().toUpperCase();
  return db.transaction(async (tx) => {
    const rows = (await tx.execute(sql`delete from currency_rates where currency = ${code} returning rate::text as rate`)) as unknown as { rate: string }[];
    if (rows.length === 0) return false;
    await recordAudit(tx, {
      actor: { userId: actor.userId ?? null, label: actor.label ?? null },
      entity: "currency_rate",
      action: "delete",
      entityId: code,
      before: { rate: rows[0]!.rate },
    });
    return true;
  });
}
