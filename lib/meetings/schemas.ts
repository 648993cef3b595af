import { z } from "zod";
import { MAX_INT4 } from "@/lib/limits";
import { isIsoDate } from "@/lib/time";
import { MEETING_LIMITS } from "./constants";

/**
 * Input schemas of the meetings' changes (FormData strings or objects). Messages are codes the
 * UI translates (workspace.validation.*). Attendees come as `attendeeIds` (an array, for code)
 * or as checkboxes `attendee_<id>` (FormData keeps one value per name).
 */
const tooLong = (limit: number) => `too_long_${limit}`;
const id = z.coerce.number({ message: "required" }).int({ message: "required" }).positive({ message: "required" }).max(MAX_INT4, { message: "required" });
const version = z.coerce.number({ message: "required" }).int({ message: "required" }).min(1, { message: "required" }).max(MAX_INT4, { message: "required" });
const text = (limit: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .max(limit, { message: tooLong(limit) })
      .transform((s) => s.replace(/\r\n?/g, "\n").trim()),
  );
const optionalId = z.preprocess((v) => (v === "" || v === undefined || v === null ? null : v), id.nullable());
const optionalDate = z.preprocess(
  (v) => (v === "" || v === undefined || v === null ? null : v),
  z.string().refine((s) => isIsoDate(s, 2000), { message: "invalid_date" }).nullable(),
);

/** "YYYY-MM-DDTHH:MM" (a datetime-local input), read in the organisation's time zone by the service. */
const wallClock = z
  .string({ message: "required" })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, { message: "invalid_date" })
  .refine((s) => isIsoDate(s.slice(0, 10), 2000), { message: "invalid_date" });

function attendeeIdsOf(raw: Record<string, unknown>): unknown {
  if (Array.isArray(raw.attendeeIds)) return raw.attendeeIds;
  return Object.keys(raw)
    .filter((k) => /^attendee_\d{1,10}$/.test(k) && raw[k] !== "" && raw[k] !== "off")
    .map((k) => Number(k.slice("attendee_".length)));
}

const meetingFields = z.object({
  title: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(MEETING_LIMITS.title, { message: tooLong(MEETING_LIMITS.title) }),
  scheduledAt: wallClock,
  durationMinutes: z.coerce.number({ message: "required" }).int({ message: "required" }).min(15, { message: "invalid_choice" }).max(MEETING_LIMITS.durationMinutes, { message: "invalid_choice" }),
  organizerTeam: z.enum(["marketing", "sales", "joint"], { message: "invalid_choice" }),
  attendeeIds: z.array(id, { message: "unknown_user" }).max(MEETING_LIMITS.attendees, { message: "too_many_attendees" }),
  agenda: text(MEETING_LIMITS.agendaItem * MEETING_LIMITS.agendaItems).transform((s, ctx) => {
    const items = s.split("\n").map((l) => l.trim()).filter((l) => l !== "");
    if (items.length > MEETING_LIMITS.agendaItems || items.some((l) => l.length > MEETING_LIMITS.agendaItem)) {
      ctx.addIssue({ code: "custom", message: tooLong(MEETING_LIMITS.agendaItem) });
    }
    return items;
  }),
  notes: text(MEETING_LIMITS.notes),
});

export const createMeetingSchema = z.preprocess(
  (raw) => (raw && typeof raw === "object" ? { ...(raw as Record<string, unknown>), attendeeIds: attendeeIdsOf(raw as Record<string, unknown>) } : raw),
  meetingFields,
);
export type CreateMeetingInput = z.input<typeof meetingFields>;

export const updateNotesSchema = z.object({ id, version, notes: text(MEETING_LIMITS.notes) });
export type UpdateNotesInput = z.input<typeof updateNotesSchema>;

export const addActionItemSchema = z.object({
  meetingId: id,
  title: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(MEETING_LIMITS.actionTitle, { message: tooLong(MEETING_LIMITS.actionTitle) }),
  ownerUserId: optionalId,
  dueOn: optionalDate,
});
export type AddActionItemInput = z.input<typeof addActionItemSchema>;

export const actionItemSchema = z.object({ id });
export type ActionItemInput = z.input<typeof actionItemSchema>;

export const intervalSchema = z.object({
  intervalDays: z.coerce
    .number({ message: "required" })
    .int({ message: "required" })
    .min(MEETING_LIMITS.minInterval, { message: "invalid_choice" })
    .max(MEETING_LIMITS.maxInterval, { message: "invalid_choice" }),
});
