"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { LOCALES } from "@/lib/enums";
import { ActionError, action } from "@/lib/actions/action";
import { apiKeyInputSchema, createApiKey, revokeApiKey } from "@/lib/apikeys/keys";
import { LastAdminError } from "@/lib/users/admins";
import {
  findUserByEmail,
  passwordSchema,
  resetUserPassword,
  roleSchema,
  setUserDisabled,
  setUserRole,
  UserNotFoundError,
} from "@/lib/users/manage";
import { upsertUser, userInputSchema } from "@/lib/users/users";

/** Server actions of the admin area: every one is admin/edit, validated, and audited. */

const idField = z.coerce.number({ message: "is not a valid id" }).int().positive({ message: "is not a valid id" });

function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && "code" in err && (err as { code: unknown }).code === "23505";
}

/** Maps the user library's refusals to messages the form can show. */
function userErrors(err: unknown, field?: string): never {
  if (err instanceof LastAdminError) throw new ActionError(err.message, { code: "last_admin", field });
  if (err instanceof UserNotFoundError) throw new ActionError(err.message, { code: "not_found" });
  throw err;
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
    const taken = new ActionError("A user with this e-mail already exists", { field: "email", code: "email_taken" });
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
    try {
      const result = await setUserRole(db, { id: input.userId }, input.role, { userId: user.id });
      revalidatePath("/admin");
      return { changed: result.changed };
    } catch (err) {
      return userErrors(err, "role");
    }
  },
);

export const setDisabledAction = action(
  {
    area: "admin",
    access: "edit",
    schema: z.object({ userId: idField, disabled: z.enum(["true", "false"]).transform((v) => v === "true") }),
  },
  async (input, { user, db }) => {
    if (input.disabled && input.userId === user.id) {
      throw new ActionError("You cannot disable your own account", { code: "self_disable" });
    }
    try {
      const result = await setUserDisabled(db, { id: input.userId }, input.disabled, { userId: user.id });
      revalidatePath("/admin");
      return { disabled: input.disabled, changed: result.changed };
    } catch (err) {
      return userErrors(err);
    }
  },
);

export const resetPasswordAction = action(
  { area: "admin", access: "edit", schema: z.object({ userId: idField, password: passwordSchema }) },
  async (input, { user, db }) => {
    try {
      await resetUserPassword(db, { id: input.userId }, input.password, { userId: user.id });
      return { reset: true };
    } catch (err) {
      return userErrors(err);
    }
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
    if (result === "not_found") throw new ActionError("This API key does not exist", { code: "not_found" });
    if (result === "already_revoked") throw new ActionError("This API key was already revoked", { code: "already_revoked" });
    revalidatePath("/admin");
    return { revoked: true };
  },
);
