import { eq, sql } from "drizzle-orm";
import { IANAZone, DateTime } from "luxon";
import { z } from "zod";
import type { Db } from "@/db/client";
import { auditLog, organisationSettings } from "@/db/schema";
import { BusinessHoursError, formatBusinessHours, parseBusinessHours } from "./business-hours";

export { parseBusinessHours, formatBusinessHours, type BusinessHours } from "./business-hours";

/**
 * Organisation settings (one row, id = 1): read and validated change, shared by the operator
 * command, the UI and the API. Keys use the data contract's snake_case names.
 */
export const SETTING_KEYS = [
  "time_zone",
  "currency",
  "sla_response_hours",
  "mql_monthly_target",
  "business_hours",
  "holidays",
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type Settings = {
  time_zone: string;
  currency: string;
  sla_response_hours: number;
  mql_monthly_target: number;
  business_hours: string;
  holidays: string[];
};

export function isSettingKey(value: string): value is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(value);
}

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : v);
const numberish = (v: unknown) => {
  if (typeof v !== "string") return v;
  const s = v.trim();
  return s === "" ? undefined : /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : v;
};

const timeZone = z.preprocess(
  trimmed,
  z
    .string({ message: "is required" })
    .min(1, { message: "is required" })
    .refine((zone) => IANAZone.isValidZone(zone), { message: "must be an IANA time zone name, e.g. Europe/Madrid" })
    .transform((zone) => new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone),
);

const currency = z.preprocess(
  trimmed,
  z
    .string({ message: "is required" })
    .regex(/^[A-Za-z]{3}$/, { message: "must be a 3-letter currency code, e.g. USD" })
    .transform((c) => c.toUpperCase()),
);

const slaResponseHours = z.preprocess(
  numberish,
  z
    .number({ message: "must be a positive number of hours" })
    .positive({ message: "must be a positive number of hours" })
    .max(8760, { message: "must be at most 8760 hours" }),
);

const mqlMonthlyTarget = z.preprocess(
  numberish,
  z
    .number({ message: "must be a whole number of 0 or more" })
    .int({ message: "must be a whole number of 0 or more" })
    .min(0, { message: "must be a whole number of 0 or more" })
    .max(2_147_483_647, { message: "is too large" }),
);

const businessHours = z.preprocess(trimmed, z.string({ message: "is required" })).transform((text, ctx) => {
  try {
    return formatBusinessHours(parseBusinessHours(text));
  } catch (err) {
    if (!(err instanceof BusinessHoursError)) throw err;
    ctx.addIssue({ code: "custom", message: err.message });
    return z.NEVER;
  }
});

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const holidays = z
  .preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter((s) => s !== "")
        : v,
    z.array(z.string(), { message: "must be comma-separated dates YYYY-MM-DD" }),
  )
  .transform((dates, ctx) => {
    const bad = dates.find((d) => !isoDate.test(d) || !DateTime.fromISO(d, { zone: "UTC" }).isValid);
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `"${bad}" is not a date YYYY-MM-DD` });
      return z.NEVER;
    }
    return [...new Set(dates)].sort();
  });

/** A partial change; every value may be given as text (CLI, forms) or as its own type. */
export const settingsPatchSchema = z
  .object({
    time_zone: timeZone.optional(),
    currency: currency.optional(),
    sla_response_hours: slaResponseHours.optional(),
    mql_monthly_target: mqlMonthlyTarget.optional(),
    business_hours: businessHours.optional(),
    holidays: holidays.optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

type Row = typeof organisationSettings.$inferSelect;

function fromRow(row: Row): Settings {
  return {
    time_zone: row.timeZone,
    currency: row.currency,
    sla_response_hours: Number(row.slaResponseHours),
    mql_monthly_target: row.mqlMonthlyTarget,
    business_hours: row.businessHours,
    holidays: [...row.holidays].sort(),
  };
}

async function readRow(db: Db): Promise<Row> {
  const [row] = await db.select().from(organisationSettings).where(eq(organisationSettings.id, 1)).limit(1);
  if (row) return row;
  await db.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
  const [created] = await db.select().from(organisationSettings).where(eq(organisationSettings.id, 1)).limit(1);
  if (!created) throw new Error("organisation settings row is missing");
  return created;
}

export async function getSettings(db: Db): Promise<Settings> {
  return fromRow(await readRow(db));
}

/**
 * Validates and applies a change (throws z.ZodError whose issues name the keys), writing one
 * audit_log row (entity "settings") with the changed keys before and after. Returns the settings
 * after the change and the keys that actually changed.
 */
export async function updateSettings(
  db: Db,
  patch: SettingsPatch,
  actor: { userId?: number | null; apiKeyId?: number | null; label?: string | null } = {},
): Promise<{ settings: Settings; changed: SettingKey[] }> {
  const data = settingsPatchSchema.parse(patch);
  await readRow(db); // make sure the row exists before locking it
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(organisationSettings).where(eq(organisationSettings.id, 1)).for("update");
    if (!row) throw new Error("organisation settings row is missing");
    const before = fromRow(row);
    const next: Settings = { ...before };
    const changed: SettingKey[] = [];
    for (const key of SETTING_KEYS) {
      const value = data[key];
      if (value === undefined) continue;
      if (JSON.stringify(value) === JSON.stringify(before[key])) continue;
      (next as Record<SettingKey, unknown>)[key] = value;
      changed.push(key);
    }
    if (changed.length === 0) return { settings: before, changed };
    await tx
      .update(organisationSettings)
      .set({
        timeZone: next.time_zone,
        currency: next.currency,
        slaResponseHours: String(next.sla_response_hours),
        mqlMonthlyTarget: next.mql_monthly_target,
        businessHours: next.business_hours,
        holidays: next.holidays,
        updatedAt: sql`now()`,
      })
      .where(eq(organisationSettings.id, 1));
    await tx.insert(auditLog).values({
      actorUserId: actor.userId ?? null,
      actorApiKeyId: actor.apiKeyId ?? null,
      actorLabel: actor.label ?? null,
      action: "update",
      entity: "settings",
      entityId: "1",
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, next[k]])),
    });
    return { settings: next, changed };
  });
}
