"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALES } from "@/lib/enums";
import { MAX_INT4 } from "@/lib/limits";
import { action } from "@/lib/actions/action";
import { apiKeyInputSchema, createApiKey, revokeApiKey } from "@/lib/apikeys/keys";
import { DomainError } from "@/lib/errors";
import { findUserByEmail, passwordSchema, resetUserPassword, roleSchema, setUserDisabled, setUserRole } from "@/lib/users/manage";
import { upsertUser, userInputSchema } from "@/lib/users/users";
import { SETTINGS_EFFECTIVE, settingsPatchSchema, updateSettings } from "@/lib/settings/settings";
import { setCurrencyRate } from "../import/mapping-api";

/**
 * Server actions of the admin area: every one is admin/edit, validated, and audited. The user
 * and key services refuse with DomainErrors (last admin, not found, own account), which the
 * action wrapper turns into the form's messages.
 */

const idField = z.coerce
  .number({ message: "is not a valid id" })
  .int()
  .positive({ message: "is not a valid id" })
  .max(MAX_INT4, { message: "is not a valid id" });

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23505";
}

export const createUserAction = action(
  {
    area: "admin",
    access: "edit",
    schema: userInputSchema.extend({
      password: passwordSchema,
      locale: z.enum(LOCALES, { message: `must be one of ${LOCALES.join(", ")}` }),
    }),
  },
  async (input, { user, db }) => {
    const taken = new DomainError("conflict", "A user with this e-mail already exists", { key: "email_taken", field: "email" });
    if (await findUserByEmail(db, input.email)) throw taken;
    try {
      const { id } = await upsertUser(db, input, { userId: user.id });
      revalidatePath("/admin");
      return { id, email: input.email };
    } catch (err) {
      if (isUniqueViolation(err)) throw taken;
      throw err;
    }
  },
);

export const changeRoleAction = action(
  { area: "admin", access: "edit", schema: z.object({ userId: idField, role: roleSchema }) },
  async (input, { user, db }) => {
    const result = await setUserRole(db, { id: input.userId }, input.role, { userId: user.id });
    revalidatePath("/admin");
    return { changed: result.changed };
  },
);

export const setDisabledAction = action(
  {
    area: "admin",
    access: "edit",
    schema: z.object({ userId: idField, disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  },
  async (input, { user, db }) => {
    const result = await setUserDisabled(db, { id: input.userId }, input.disabled, { userId: user.id });
    revalidatePath("/admin");
    return { disabled: input.disabled, changed: result.changed };
  },
);

export const resetPasswordAction = action(
  { area: "admin", access: "edit", schema: z.object({ userId: idField, password: passwordSchema }) },
  async (input, { user, db }) => {
    await resetUserPassword(db, { id: input.userId }, input.password, { userId: user.id });
    return { reset: true };
  },
);

export const createApiKeyAction = action(
  { area: "admin", access: "edit", schema: apiKeyInputSchema },
  async (input, { user, db }) => {
    const created = await createApiKey(db, { ...input, createdBy: user.id }, { userId: user.id });
    revalidatePath("/admin");
    return { id: created.id, key: created.key };
  },
);

export const revokeApiKeyAction = action(
  { area: "admin", access: "edit", schema: z.object({ id: idField }) },
  async (input, { user, db }) => {
    const result = await revokeApiKey(db, input.id, { userId: user.id });
    if (result === "not_found") throw new DomainError("not_found", "This API key does not exist");
    if (result === "already_revoked") {
      throw new DomainError("conflict", "This API key was already revoked", { key: "already_revoked" });
    }
    revalidatePath("/admin");
    return { revoked: true };
  },
);

/**
 * The SLA policy editor: the five policy settings (validated by the settings schema, i.e. lib/time's
 * business-hours grammar, at their fields), when the change applies (`effective`: "now" starts a
 * new version, earlier MQLs keep the policy in force at their mql_at; "always" corrects the policy
 * in force, docs/sla.md), and the settings version the form was loaded with (a stale edit is refused).
 */
const slaPolicyInputSchema = settingsPatchSchema
  .pick({ time_zone: true, sla_response_hours: true, business_hours: true, holidays: true, mql_monthly_target: true })
  .required()
  .extend({
    effective: z.enum(SETTINGS_EFFECTIVE, { message: `must be one of ${SETTINGS_EFFECTIVE.join(", ")}` }),
    version: z.string().regex(/^\d{1,20}$/, { message: "is not a valid version" }),
  });

export const updateSlaPolicyAction = action(
  { area: "admin", access: "edit", schema: slaPolicyInputSchema },
  async (input, { user, db }) => {
    const { effective, version, ...patch } = input;
    const { changed } = await updateSettings(db, patch, { userId: user.id }, { effective, expectedVersion: version });
    revalidatePath("/admin");
    revalidatePath("/sla");
    return { changed, effective };
  },
);

/**
 * An exchange rate for importing deals in another currency (issue 14 item 3): how many units of
 * the organisation's reporting currency one unit of `currency` is worth. The code and the rate
 * are checked by the mapping layer (lib/import/mapping/rates.ts, its refusal shows at the
 * field); `version`: the rate's version the form was loaded with (absent for a currency without
 * a rate yet), so a rate changed meanwhile is refused, not overwritten. Audited by the service.
 */
const currencyRateInputSchema = z.object({
  currency: z.string().max(10, { message: "must be a 3-letter currency code, e.g. EUR" }),
  rate: z.string().max(40, { message: "must be a positive number such as 1.0825" }),
  version: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ message: "is not a valid version" }).int().positive({ message: "is not a valid version" }).max(MAX_INT4).optional(),
  ),
});

export const setCurrencyRateAction = action(
  { area: "admin", access: "edit", schema: currencyRateInputSchema },
  async (input, { user, db }) => {
    const saved = await setCurrencyRate(db, { currency: input.currency, rate: input.rate, expectedVersion: input.version ?? null }, { userId: user.id });
    revalidatePath("/admin");
    return { currency: saved.currency, rate: saved.rate, version: saved.version };
  },
);
