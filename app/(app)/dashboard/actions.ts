"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { clearTargetSchema, setTargetSchema } from "@/lib/dashboard/target-rules";
import { clearKpiTarget, setKpiTarget, type StaleTarget, type TargetSaved } from "@/lib/dashboard/targets";

/**
 * The dashboard's server actions: setting and removing a KPI's target (dashboard / edit:
 * leadership and admin), through the one action wrapper (zod with the per-unit rules of
 * lib/dashboard/target-rules.ts, session, policy). The service audits each change and refuses a
 * stale one with `{ ok: false, code: "stale", data: { status: "stale", current } }`.
 */

function changed<R>(result: R): R {
  revalidatePath("/dashboard");
  return result;
}

export const setTargetAction = action(
  { area: "dashboard", access: "edit", schema: setTargetSchema },
  async (input, { db, user }): Promise<TargetSaved | StaleTarget> => changed(await setKpiTarget(db, { userId: user.id }, input)),
);

export const clearTargetAction = action(
  { area: "dashboard", access: "edit", schema: clearTargetSchema },
  async (input, { db, user }): Promise<TargetSaved | StaleTarget> => changed(await clearKpiTarget(db, { userId: user.id }, input)),
);
