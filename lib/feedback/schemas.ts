import { z } from "zod";
import { MAX_INT4 } from "@/lib/limits";

/**
 * Feedback between the teams (plain module). Evidence is a record — `lead`, `deal`, `asset` or
 * `campaign` with its id — or a report `view`: the path of a page of this app with its URL state
 * (e.g. "/sla?from=2026-06-01&to=2026-06-30"), so the recipient opens exactly what the sender saw.
 */
export const EVIDENCE_KINDS = ["lead", "deal", "asset", "campaign", "view"] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];
export const FEEDBACK_STATUSES = ["open", "answered", "resolved"] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** The report pages a view may point at (the dashboard's, the SLA's, content's and closed-loop's URL state). */
export const VIEW_PATHS = ["/dashboard", "/sla", "/content", "/closed-loop"] as const;

export const FEEDBACK_LIMITS = { subject: 200, body: 5_000, ref: 2_000, recordId: 200 } as const;

const tooLong = (limit: number) => `too_long_${limit}`;
const id = z.coerce.number({ message: "required" }).int({ message: "required" }).positive({ message: "required" }).max(MAX_INT4, { message: "required" });
const body = z
  .string({ message: "required" })
  .transform((s) => s.replace(/\r\n?/g, "\n").trim())
  .pipe(z.string().min(1, { message: "required" }).max(FEEDBACK_LIMITS.body, { message: tooLong(FEEDBACK_LIMITS.body) }));

/** Whether `ref` is a report view of this app: one of VIEW_PATHS (or below it), with any query. */
export function isReportView(ref: string): boolean {
  if (!ref.startsWith("/") || ref.startsWith("//") || ref.length > FEEDBACK_LIMITS.ref) return false;
  const path = ref.split(/[?#]/, 1)[0] ?? "";
  return VIEW_PATHS.some((p) => path === p || path.startsWith(`${p}/`));
}

export const createFeedbackSchema = z
  .object({
    toTeam: z.enum(["marketing", "sales"], { message: "invalid_choice" }),
    subject: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(FEEDBACK_LIMITS.subject, { message: tooLong(FEEDBACK_LIMITS.subject) }),
    body,
    evidenceKind: z.enum(EVIDENCE_KINDS, { message: "invalid_choice" }),
    evidenceRef: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(FEEDBACK_LIMITS.ref, { message: tooLong(FEEDBACK_LIMITS.ref) }),
  })
  .superRefine((v, ctx) => {
    const ok = v.evidenceKind === "view" ? isReportView(v.evidenceRef) : v.evidenceRef.length <= FEEDBACK_LIMITS.recordId && !/\s/.test(v.evidenceRef);
    if (!ok) ctx.addIssue({ code: "custom", path: ["evidenceRef"], message: "invalid_evidence" });
  });
export type CreateFeedbackInput = z.input<typeof createFeedbackSchema>;

export const replySchema = z.object({ id, body });
export const feedbackIdSchema = z.object({ id });
