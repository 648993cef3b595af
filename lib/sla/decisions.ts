import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { recordAudit } from "@/lib/audit/record";
import type { SessionUser } from "@/lib/auth/user";
import { now } from "@/lib/clock";
import { FEEDBACK_VERDICTS, REJECTION_REASONS, type FeedbackVerdict } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { TEXT_LIMITS } from "@/lib/limits";
import { leadInWindow, num, text, textOrNull, type KpiContext, type SqlExecutor } from "@/lib/kpi";


/**
 * Sales' accept/reject decision on an MQL, made in the app (issue 10 item 3). Rules:
 *
 * - One decision per lead, kept in lead_feedback apart from the imported sql_at / rejected_at;
 *   the first one wins: two people deciding at once both try to insert, the unique index lets one
 *   through, the other is refused with the decision as it now stands (who, what, when).
 * - The decision counts as the sales response at `decided_at` (the app's clock), exactly like an
 *   imported sql_at / rejected_at: kpi_lead_facts takes it (migration 0005), so the SLA status,
 *   the queue, the funnel's SQLs and the rejection rate follow at once.
 * - Which wins: the decision. Where the import says otherwise (an imported rejected_at on an
 *   accepted lead, or sql_at on a rejected one) the facts follow the decision and the page lists
 *   the lead as a conflict; an import changes only the imported columns, never the decision.
 * - Only an MQL (mql_at set and not after now) can be decided; every decision is audit-logged.
 */

const trimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `too_long_${max}` });

export const decideLeadSchema = z
  .object({
    leadId: trimmed(TEXT_LIMITS.name).min(1, { message: "required" }),
    verdict: z.enum(FEEDBACK_VERDICTS, { message: "invalid_choice" }),
    reason: z.preprocess((v) => (v === "" ? undefined : v), z.enum(REJECTION_REASONS, { message: "invalid_choice" }).optional()),
    comment: z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), trimmed(TEXT_LIMITS.longText).optional()),
  })
  .superRefine((v, ctx) => {
    if (v.verdict === "rejected" && v.reason === undefined) ctx.addIssue({ code: "custom", path: ["reason"], message: "required" });
    if (v.verdict === "rejected" && v.reason === "other" && (v.comment ?? "") === "") {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "required" });
    }
  });
export type DecideLeadInput = z.infer<typeof decideLeadSchema>;

export interface LeadDecision {
  leadId: string;
  verdict: FeedbackVerdict;
  reason: string | null;
  comment: string | null;
  decidedAt: string;
  decidedBy: string | null;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** The decision recorded in the app for a lead, with who made it; null when none. */
export async function currentDecision(tx: SqlExecutor, leadId: string): Promise<LeadDecision | null> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select d.lead_id, d.verdict::text as verdict, d.reason, d.comment, d.decided_at, u.name as decided_by
      from lead_feedback d left join users u on u.id = d.user_id
     where d.lead_id = ${leadId}`);
  const r = rows[0];
  if (!r) return null;
  return {
    leadId: text(r.lead_id),
    verdict: r.verdict === "accepted" ? "accepted" : "rejected",
    reason: textOrNull(r.reason),
    comment: textOrNull(r.comment),
    decidedAt: new Date(r.decided_at instanceof Date ? r.decided_at : text(r.decided_at)).toISOString(),
    decidedBy: textOrNull(r.decided_by),
  };
}

/** Records the decision, or refuses: unknown lead / not an MQL (not_found, invalid), already decided (conflict). */
export async function decideLead(db: Db, user: Pick<SessionUser, "id">, input: DecideLeadInput): Promise<LeadDecision> {
  const at = now();
  return db.transaction(async (tx: Tx) => {
    const lead = (await tx.execute<Record<string, unknown>>(sql`
      select lead_id, mql_at from leads where lead_id = ${input.leadId}`))[0];
    if (!lead) throw new DomainError("not_found", `No lead ${input.leadId}.`, { key: "lead_not_found", field: "leadId" });
    if (lead.mql_at === null || new Date(lead.mql_at instanceof Date ? lead.mql_at : text(lead.mql_at)) > at) {
      throw new DomainError("invalid", `Lead ${input.leadId} is not an MQL.`, { key: "not_mql", field: "leadId" });
    }
    const reason = input.verdict === "rejected" ? (input.reason ?? null) : null;
    const comment = input.comment ?? null;
    const inserted = await tx.execute<Record<string, unknown>>(sql`
      insert into lead_feedback (lead_id, user_id, verdict, reason, comment, decided_at)
      values (${input.leadId}, ${user.id}, ${input.verdict}, ${reason}, ${comment}, ${at.toISOString()}::timestamptz)
      on conflict (lead_id) do nothing
      returning id`);
    if (inserted.length === 0) {
      const current = await currentDecision(tx, input.leadId);
      throw new DomainError("conflict", `Lead ${input.leadId} was already ${current?.verdict ?? "decided"}.`, {
        key: "already_decided",
        payload: current,
      });
    }
    await recordAudit(tx, {
      actor: { userId: user.id },
      entity: "lead_decision",
      action: input.verdict === "accepted" ? "accept" : "reject",
      entityId: input.leadId,
      after: { verdict: input.verdict, reason, comment, decided_at: at.toISOString() },
    });
    const decided = await currentDecision(tx, input.leadId);
    if (!decided) throw new Error("decision not recorded");
    return decided;
  });
}

export interface RejectionGroup {
  /** The source channel or campaign id; null = no campaign. */
  key: string | null;
  mqls: number;
  rejected: number;
  /** rejected / MQLs; null when there is no MQL. */
  rejectionRate: number | null;
  /** Rejections by reason (REJECTION_REASONS; `imported` = rejected by the import, no reason recorded in the app). */
  reasons: Record<string, number>;
}

/**
 * Marketing's view of the rejections: for the MQLs with mql_at in P (the filters apply), per
 * source channel and per campaign, how many sales rejected by as_of (the effective rejected_at
 * of kpi_lead_facts: the decision, or the import) and why. Both breakdowns in one pass over the
 * MQLs (grouping sets), counted per key and reason and then folded per key.
 */
export async function rejectionsByBoth(db: SqlExecutor, context: KpiContext): Promise<{ channel: RejectionGroup[]; campaign: RejectionGroup[] }> {
  const { p, filters } = context;
  const rows = await db.execute<Record<string, unknown>>(sql`
    with m as (
      select l.source_channel::text as channel, ld.campaign_id as campaign,
             (l.rejected_at is not null and l.rejected_at <= ${p.asOf}::timestamptz) as rejected,
             coalesce(d.reason, 'imported') as reason
        from kpi_lead_facts l
        join leads ld on ld.lead_id = l.lead_id
        left join lead_feedback d on d.lead_id = l.lead_id and d.verdict = 'rejected'
       where ${leadInWindow("mql_at", p, filters)}
    ),
    kr as (
      select grouping(channel) = 0 as by_channel, coalesce(channel, campaign) as key, reason,
             count(*)::int as n, count(*) filter (where rejected)::int as r
        from m group by grouping sets ((channel, reason), (campaign, reason))
    )
    select by_channel, key, sum(n)::int as mqls, sum(r)::int as rejected,
           coalesce(json_object_agg(reason, r order by reason) filter (where r > 0), '{}')::text as reasons
      from kr group by by_channel, key
     order by by_channel desc, sum(r) desc, key nulls last`);
  const group = (r: Record<string, unknown>): RejectionGroup => {
    const mqls = num(r.mqls);
    const rejected = num(r.rejected);
    const reasons = JSON.parse(text(r.reasons)) as Record<string, number>;
    return { key: textOrNull(r.key), mqls, rejected, rejectionRate: mqls === 0 ? null : rejected / mqls, reasons };
  };
  return {
    channel: rows.filter((r) => r.by_channel === true).map(group),
    campaign: rows.filter((r) => r.by_channel !== true).map(group),
  };
}

/** One of rejectionsByBoth's breakdowns. */
export async function rejectionsBy(db: SqlExecutor, context: KpiContext, by: "channel" | "campaign"): Promise<RejectionGroup[]> {
  return (await rejectionsByBoth(db, context))[by];
}

/** Leads whose app decision and imported values disagree (listed on the SLA page). */
export async function decisionConflicts(db: SqlExecutor, limit = 50): Promise<{ leadId: string; verdict: FeedbackVerdict; importedSqlAt: string | null; importedRejectedAt: string | null }[]> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select d.lead_id, d.verdict::text as verdict, l.sql_at, l.rejected_at
      from lead_feedback d join leads l on l.lead_id = d.lead_id
     where (d.verdict = 'accepted' and l.rejected_at is not null) or (d.verdict = 'rejected' and l.sql_at is not null)
     order by d.decided_at desc limit ${limit}`);
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v instanceof Date ? v : text(v)).toISOString());
  return rows.map((r) => ({
    leadId: text(r.lead_id),
    verdict: r.verdict === "accepted" ? "accepted" : "rejected",
    importedSqlAt: iso(r.sql_at),
    importedRejectedAt: iso(r.rejected_at),
  }));
}
