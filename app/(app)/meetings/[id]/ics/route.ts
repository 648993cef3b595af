import { getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { getCurrentUser } from "@/lib/auth/session";
import { can } from "@/lib/authz/policy";
import { meetingIcs } from "@/lib/meetings/ics";
import { loadMeeting } from "@/lib/meetings/queries";
import { MAX_INT4 } from "@/lib/limits";

export const dynamic = "force-dynamic";

const text = (body: string, status: number): Response =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

/** GET /meetings/<id>/ics: the meeting as a calendar file (signed in, allowed to view meetings). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }): Promise<Response> {
  const user = await getCurrentUser();
  if (!user) return text("Sign in to download.", 401);
  if (!can(user.role, "meetings", "view")) return text("Forbidden.", 403);
  const { id: raw } = await ctx.params;
  const id = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id < 1 || id > MAX_INT4) return text("id: not a meeting id", 400);
  const meeting = await loadMeeting(await getDb(), id);
  if (!meeting) return text("Not found.", 404);
  const t = await getTranslations({ locale: user.locale, namespace: "workspace.meetings" });
  const ics = meetingIcs(meeting, { agendaLabel: t("agenda"), notesLabel: t("notes"), host: "alignboard" });
  if (ics instanceof Error) return text("The calendar file could not be built.", 422);
  return new Response(ics, {
    status: 200,
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": `attachment; filename="meeting-${meeting.id}.ics"`,
      "Cache-Control": "no-store",
    },
  });
}
