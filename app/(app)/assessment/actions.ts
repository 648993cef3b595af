"use server";

import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { action } from "@/lib/actions/action";
import { answersSchema, makeStepCard, saveAssessment, stepSchema, type SavedAssessment } from "@/lib/assessment/service";

/** The assessment's server actions (assessment/edit; a next step's card is a roadmap change). */
export const saveAssessmentAction = action(
  { area: "assessment", access: "edit", schema: answersSchema },
  async (input, { db, user }): Promise<SavedAssessment> => {
    const saved = await saveAssessment(db, user, input);
    revalidatePath("/assessment");
    return saved;
  },
);

export const makeStepCardAction = action(
  { area: "roadmap", access: "edit", schema: stepSchema },
  async (input, { db, user }): Promise<{ roadmapItemId: number }> => {
    const t = await getTranslations({ locale: user.locale, namespace: "workspace.assessment" });
    const result = await makeStepCard(db, user, input, { title: t(`steps.${input.question}.title`), description: t(`steps.${input.question}.description`) });
    revalidatePath("/roadmap");
    return result;
  },
);
