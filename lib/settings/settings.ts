import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { organisationSettings, slaPolicyHistory } from "@/db/schema";
import { now } from "@/lib/clock";
import { recordAudit } from "@/lib/audit/record";
import { DomainError } from "@/lib/errors";
import {
  canonicalTimeZone,
  checkBusinessHours,
  checkHolidays,
  isValidTimeZone,
  splitHolidays,
} from "@/lib/time";
import { contractSettings, getOrgSettings, type SettingsReader, type Settings } from "./org-settings";

export {
  getOrgSettings,
  orgSettingsFrom,
  SETTINGS_DEFAULTS,
  type OrgSettings,
  type Settings,
  type SettingsReader,
} from "./org-settings";

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
  "date_order",
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

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
    .refine(isValidTimeZone, { message: "must be an IANA time zone name, e.g. Europe/Madrid" })
    .transform(canonicalTimeZone),
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

/** lib/time's business-hours grammar (the one the SLA engine reads); stored in canonical form. */
const businessHours = z.preprocess(trimmed, z.string({ message: "is required" })).transform((text, ctx) => {
  const checked = checkBusinessHours(text);
  if (checked.ok) return checked.canonical;
  ctx.addIssue({ code: "custom", message: checked.message });
  return z.NEVER;
});

const holidays = z
  .preprocess(
    (v) => (typeof v === "string" ? splitHolidays(v) : v),
    z.array(z.string(), { message: "must be comma-separated dates YYYY-MM-DD" }),
  )
  .transform((dates, ctx) => {
    const checked = checkHolidays(dates);
    if (checked.ok) return checked.dates;
    ctx.addIssue({ code: "custom", message: checked.message });
    return z.NEVER;
  });

const dateOrder = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(["mdy", "dmy", "ymd"], { message: "must be mdy (3/5/2024 = March 5), dmy (= 3 May) or ymd" }),
);

/** A partial change; every value may be given as text (CLI, forms) or as its own type. */
export const settingsPatchSchema = z
  .object({
    time_zone: timeZone.optional(),
    currency: currency.optional(),
    sla_response_hours: slaResponseHours.optional(),
    mql_monthly_target: mqlMonthlyTarget.optional(),
    business_hours: businessHours.optional(),
    holidays: holidays.optional(),
    date_order: dateOrder.optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

/** The settings row's version for optimistic edits: its updated_at in microseconds ("0" with no row). */
const VERSION_SQL = sql.raw(`(extract(epoch from updated_at) * 1000000)::bigint::text`);

export async function getSettingsVersion(db: SettingsReader): Promise<string> {
  const rows = await db.execute<{ v: string }>(sql`select ${VERSION_SQL} as v from organisation_settings where id = 1`);
  return rows[0]?.v ?? "0";
}

/** One recorded SLA policy version (sla_policy_history): the policy in force until `validUntil`. */
export type SlaPolicyVersion = {
  id: number;
  validUntil: Date;
  timeZone: string;
  slaResponseHours: number;
  businessHours: string;
  holidays: string[];
  mqlMonthlyTarget: number;
};

/** The recorded SLA policy versions, newest first (for the admin page). */
export async function listSlaPolicyHistory(db: Db, limit = 200): Promise<SlaPolicyVersion[]> {
  const rows = await db.select().from(slaPolicyHistory).orderBy(desc(slaPolicyHistory.validUntil), desc(slaPolicyHistory.id)).limit(limit);
  return rows.map((r) => ({
    id: r.id,
    validUntil: r.validUntil,
    timeZone: r.timeZone,
    slaResponseHours: Number(r.slaResponseHours),
    businessHours: r.businessHours,
    holidays: [...r.holidays].sort(),
    mqlMonthlyTarget: r.mqlMonthlyTarget,
  }));
}

/** The stored settings under the data contract's keys (read by getOrgSettings; defaults when the row is missing). */
export async function getSettings(db: SettingsReader): Promise<Settings> {
  return contractSettings(await getOrgSettings(db));
}

/** The settings that make up the SLA policy: changing one with effective "now" records the policy it replaces. */
export const SLA_POLICY_KEYS: readonly SettingKey[] = ["time_zone", "sla_response_hours", "business_hours", "holidays", "mql_monthly_target"];

/**
 * When a change of the SLA policy takes effect (docs/sla.md, "The SLA policy and its history"):
 * - "always": the policy in force is corrected (configuration, a mistake fixed): no new version
 *   starts, so every MQL since the last recorded version is judged by the new values; the
 *   versions already in sla_policy_history stay. The default (the operator command uses it).
 * - "now": a new version starts at now() (lib/clock): the replaced policy goes to
 *   sla_policy_history with valid_until = now(), so the MQLs before this moment keep it and a
 *   past period's numbers do not move.
 */
export const SETTINGS_EFFECTIVE = ["always", "now"] as const;
export type SettingsEffective = (typeof SETTINGS_EFFECTIVE)[number];

/**
 * Validates and applies a change (throws z.ZodError whose issues name the keys), writing one
 * audit_log row (entity "settings") with the changed keys before and after, and the effective
 * mode when an SLA policy key changed. Returns the settings after the change and the keys that
 * actually changed.
 */
export async function updateSettings(
  db: Db,
  patch: SettingsPatch,
  actor: { userId?: number | null; apiKeyId?: number | null; label?: string | null } = {},
  opts: { effective?: SettingsEffective; expectedVersion?: string } = {},
): Promise<{ settings: Settings; changed: SettingKey[] }> {
  const effective: SettingsEffective = opts.effective ?? "always";
  const data = settingsPatchSchema.parse(patch);
  return db.transaction(async (tx) => {
    if (opts.expectedVersion !== undefined) {
      // Optimistic versioning (the editor's form): a change made from a stale read is refused.
      const rows = await tx.execute<{ v: string }>(sql`select ${VERSION_SQL} as v from organisation_settings where id = 1 for update`);
      if ((rows[0]?.v ?? "0") !== opts.expectedVersion) {
        throw new DomainError("stale", "The settings were changed meanwhile by someone else; reload the page and try again", {
          key: "stale_settings",
        });
      }
    }
    // Make sure the row exists (with the column defaults) before locking it.
    await tx.insert(organisationSettings).values({ id: 1 }).onConflictDoNothing();
    const before = contractSettings(await getOrgSettings(tx, { forUpdate: true }));
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
        dateOrder: next.date_order,
        updatedAt: sql`now()`,
      })
      .where(eq(organisationSettings.id, 1));
    const policyChanged = changed.some((k) => SLA_POLICY_KEYS.includes(k));
    if (policyChanged && effective === "now") {
      // The policy in force until now keeps applying to the MQLs before this moment (docs/sla.md).
      await tx.insert(slaPolicyHistory).values({
        validUntil: now(),
        timeZone: before.time_zone,
        slaResponseHours: String(before.sla_response_hours),
        businessHours: before.business_hours,
        holidays: before.holidays,
        mqlMonthlyTarget: before.mql_monthly_target,
      });
    }
    await recordAudit(tx, {
      actor,
      action: "update",
      entity: "settings",
      entityId: "1",
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: {
        ...Object.fromEntries(changed.map((k) => [k, next[k]])),
        ...(policyChanged ? { effective } : {}),
      },
    });
    return { settings: next, changed };
  });
}
