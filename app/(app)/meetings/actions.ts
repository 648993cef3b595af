"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions/action";
import type { MeetingDetail } from "@/lib/meetings/queries";
import { actionItemSchema, addActionItemSchema, createMeetingSchema, intervalSchema, updateNotesSchema } from "@/lib/meetings/schemas";
import {
  addActionItem,
  completeActionItem,
  createMeeting,
  makeCardFromAction,
  setMeetingInterval,
  updateNotes,
  type MeetingMutation,
} from "@/lib/meetings/service";

/** The meetings' server actions (meetings/edit through the one wrapper). */
function changed<R>(result: R): R {
  revalidatePath("/", "layout");
  return result;
}

export const createMeetingAction = action(
  { area: "meetings", access: "edit", schema: createMeetingSchema },
  async (input, { db, user }): Promise<MeetingDetail> => changed(await createMeeting(db, user, input)),
);

export const updateNotesAction = action(
  { area: "meetings", access: "edit", schema: updateNotesSchema },
  async (input, { db, user }): Promise<MeetingMutation> => changed(await updateNotes(db, user, input)),
);

export const addActionItemAction = action(
  { area: "meetings", access: "edit", schema: addActionItemSchema },
  async (input, { db, user }): Promise<MeetingDetail> => changed(await addActionItem(db, user, input)),
);

export const completeActionItemAction = action(
  { area: "meetings", access: "edit", schema: actionItemSchema },
  async (input, { db, user }): Promise<MeetingDetail> => changed(await completeActionItem(db, user, input)),
);

export const makeCardAction = action(
  { area: "roadmap", access: "edit", schema: actionItemSchema },
  async (input, { db, user }): Promise<{ roadmapItemId: number; meetingId: number }> => changed(await makeCardFromAction(db, user, input)),
);

export const setIntervalAction = action(
  { area: "meetings", access: "edit", schema: intervalSchema },
  async (input, { db, user }): Promise<number> => changed(await setMeetingInterval(db, user, input)),
);

