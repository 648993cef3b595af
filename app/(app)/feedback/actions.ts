"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions/action";
import { createFeedbackSchema, feedbackIdSchema, replySchema } from "@/lib/feedback/schemas";
import { createFeedback, replyFeedback, resolveFeedback } from "@/lib/feedback/service";

/** Feedback's server actions (feedback/edit through the one wrapper). */
export const createFeedbackAction = action(
  { area: "feedback", access: "edit", schema: createFeedbackSchema },
  async (input, { db, user }): Promise<{ id: number }> => {
    const { id } = await createFeedback(db, user, input);
    revalidatePath("/", "layout");
    redirect(`/feedback/${id}`);
  },
);

export const replyFeedbackAction = action(
  { area: "feedback", access: "edit", schema: replySchema },
  async (input, { db, user }): Promise<{ id: number }> => {
    const result = await replyFeedback(db, user, input);
    revalidatePath("/", "layout");
    return result;
  },
);

export const resolveFeedbackAction = action(
  { area: "feedback", access: "edit", schema: feedbackIdSchema },
  async (input, { db, user }): Promise<{ id: number }> => {
    const result = await resolveFeedback(db, user, input);
    revalidatePath("/", "layout");
    return result;
  },
);
