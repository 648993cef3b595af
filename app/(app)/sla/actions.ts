"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import { decideLead, decideLeadSchema, type LeadDecision } from "@/lib/sla/decisions";

/**
 * Accept or reject an MQL (sla/edit: admin, leadership, sales) through the one action wrapper.
 * A lead someone else decided first answers `{ ok: false, code: "already_decided", data: the
 * decision as it stands }`; the page then shows who decided what and when.
 */
export const decideLeadAction = action(
  { area: "sla", access: "edit", schema: decideLeadSchema },
  async (input, { db, user }): Promise<LeadDecision> => {
    const decided = await decideLead(db, user, input);
    revalidatePath("/sla", "layout"); // the SLA page and the lead pages under it
    return decided;
  },
);
