import { createEvent, type EventAttributes } from "ics";
import type { MeetingDetail } from "./queries";

/**
 * A meeting as an iCalendar (.ics) file, built by the `ics` library (RFC 5545 escaping, line
 * folding): start in UTC, its duration, the agenda and notes in the description, the attendees
 * by name. Returns the file's text, or an Error when the library refuses the event.
 */
export function meetingIcs(meeting: MeetingDetail, opts: { agendaLabel: string; notesLabel: string; host: string }): string | Error {
  const start = new Date(meeting.scheduledAt);
  const description = [
    meeting.agenda.length > 0 ? `${opts.agendaLabel}:\n${meeting.agenda.map((a, i) => `${i + 1}. ${a.title}`).join("\n")}` : "",
    meeting.notes ? `${opts.notesLabel}:\n${meeting.notes}` : "",
  ]
    .filter((s) => s !== "")
    .join("\n\n");
  const event: EventAttributes = {
    uid: `meeting-${meeting.id}@${opts.host}`,
    title: meeting.title,
    start: start.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { minutes: meeting.durationMinutes },
    ...(description ? { description } : {}),
    attendees: meeting.attendees.map((a) => ({ name: a.name, rsvp: false })),
    productId: "alignboard/meetings",
  };
  const { error, value } = createEvent(event);
  if (error || !value) return error instanceof Error ? error : new Error("could not build the calendar file");
  return value;
}
