import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { LOCALES, ROLES } from "@/lib/enums";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { nextSessionVersion } from "@/lib/auth/session-version";
import { assertNotLastActiveAdmin, lockUserAdminChanges } from "./admins";

export const userInputSchema = z.object({
  email: z.string().trim().toLowerCase().email({ message: "must be an e-mail address" }),
  name: z.string().trim().min(1, { message: "is required" }).max(200),
  role: z.enum(ROLES, { message: `must be one of ${ROLES.join(", ")}` }),
  locale: z.enum(LOCALES).optional(),
  password: z.string().min(10, { message: "must be at least 10 characters" }).max(200).optional(),
});
export type UserInput = z.input<typeof userInputSchema>;

/**
 * Creates a login user, or updates the one with that e-mail (name, role, locale and — when
 * given — password). Writes the audit log. Returns the user's id and whether it was created.
 * Changing an existing user's role or password ends their sessions (lib/auth/session-version.ts).
 * Demoting the last active admin throws LastAdminError.
 */
export async function upsertUser(
  db: Db,
  input: UserInput,
  actor: { userId?: number; label?: string } = {},
): Promise<{ id: number; created: boolean }> {
  const data = userInputSchema.parse(input);
  const passwordHash = data.password ? await hashPassword(data.password) : undefined;
  return db.transaction(async (tx) => {
    await lockUserAdminChanges(tx);
    const [before] = await tx.select().from(users).where(eq(users.email, data.email)).for("update");
    if (before && before.role === "admin" && data.role !== "admin") await assertNotLastActiveAdmin(tx, before.id, "role");
    const values = {
      email: data.email,
      name: data.name,
      role: data.role,
      ...(data.locale ? { locale: data.locale } : {}),
      ...(passwordHash ? { passwordHash } : {}),
    };
    const endSessions = before && (before.role !== data.role || passwordHash !== undefined);
    const [row] = before
      ? await tx
          .update(users)
          .set({ ...values, ...(endSessions ? { sessionVersion: nextSessionVersion() } : {}), updatedAt: sql`now()` })
          .where(eq(users.id, before.id))
          .returning()
      : await tx.insert(users).values(values).returning();
    if (!row) throw new Error("user was not saved");
    const strip = (u: typeof row | undefined) => (u ? { ...u, passwordHash: u.passwordHash ? "(set)" : null } : null);
    await recordAudit(tx, {
      actor,
      action: before ? "update" : "create",
      entity: "user",
      entityId: row.id,
      before: strip(before),
      after: strip(row),
    });
    return { id: row.id, created: !before };
  });
}
