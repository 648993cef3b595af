import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  assessments,
  glossaryApprovals,
  glossaryTerms,
  glossaryTermVersions,
  meetingActionItems,
  meetingAgendaItems,
  meetingAttendees,
  meetings,
  teamFeedback,
  teamFeedbackMessages,
  teamFeedbackReads,
  users,
} from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { computeEvidence } from "@/lib/assessment/evidence";
import { QUESTIONS, scoreAssessment, type Answers } from "@/lib/assessment/model";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { syncGlossary } from "@/lib/glossary/service";
import { DAY } from "./time";

/**
 * The alignment workspace's demo history (called once from lib/seed/seed.ts; idempotent — each
 * part is skipped when its tables already hold rows): agreed and pending glossary terms, a year
 * of joint meetings with one overdue gap, open / answered / resolved feedback, and two past
 * assessments. Anchored on now() (the pinned demo day).
 */
export type WorkspaceSeedSummary = { terms: number; meetings: number; feedback: number; assessments: number };

const STANDING = ["Shared goals", "Strategy", "Common terms (glossary)", "Review of past campaigns", "Current campaigns", "Upcoming campaigns", "Open challenges"];

/** Days before now of each joint meeting, oldest first: about every 5 weeks, with one 9-week gap (overdue) in the winter. */
export const MEETING_DAYS_AGO = [360, 325, 290, 255, 220, 157, 122, 87, 52, 17] as const;

async function userOf(db: Db, role: Role): Promise<number | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(and(eq(users.role, role), eq(users.disabled, false))).orderBy(users.id).limit(1);
  return row?.id ?? null;
}

async function seedGlossary(db: Db, people: Record<Role, number | null>, at: Date): Promise<number> {
  await syncGlossary(db);
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(glossaryApprovals);
  if (Number(n) > 0) return 0;
  const { marketing, sales, leadership } = people;
  if (marketing === null || sales === null) return 0;
  const approve = async (slug: string, version: number, approvers: [number, Role][]) => {
    const [term] = await db.select().from(glossaryTerms).where(eq(glossaryTerms.slug, slug));
    if (!term) return;
    for (const [userId, role] of approvers) {
      await db.insert(glossaryApprovals).values({ termId: term.id, version, userId, role, createdAt: at }).onConflictDoNothing();
    }
  };
  const edit = async (slug: string, definition: string, by: number, role: Role) => {
    const [term] = await db.select().from(glossaryTerms).where(eq(glossaryTerms.slug, slug));
    if (!term) return;
    const version = term.version + 1;
    await db.update(glossaryTerms).set({ definition, version, updatedBy: by, updatedAt: at }).where(eq(glossaryTerms.id, term.id));
    await db.insert(glossaryTermVersions).values({ termId: term.id, version, term: term.term, definition, ownerTeam: term.ownerTeam, examples: term.examples, links: term.links, criteria: term.criteria, changedBy: by, changedAt: at });
    await db.insert(glossaryApprovals).values({ termId: term.id, version, userId: by, role, createdAt: at }).onConflictDoNothing();
    await recordAudit(db, { actor: { userId: by, label: "seed" }, entity: "glossary_term", action: "update", entityId: term.id, after: { definition, version } });
  };
  // Agreed: MQL (edited by marketing, approved by sales), the lead, opportunity and customer stages, revenue, win rate.
  await edit("mql", "A lead that fits the ideal customer profile and showed buying intent (demo request, pricing page, webinar); marketing hands it to sales with mql_at.", marketing, "marketing");
  await approve("mql", 2, [[sales, "sales"]]);
  for (const slug of ["lead", "opportunity", "customer", "revenue", "win_rate"]) await approve(slug, 1, [[marketing, "marketing"], [sales, "sales"]]);
  if (leadership !== null) await approve("marketing_sourced_share", 1, [[leadership, "leadership"], [marketing, "marketing"]]);
  // Pending: SQL (sales proposed, marketing has not approved yet), the MQL-to-SQL rate (marketing only).
  await approve("sql", 1, [[sales, "sales"]]);
  await approve("mql_to_sql_rate", 1, [[marketing, "marketing"]]);
  // A business term of the organisation's own, agreed, and one pending.
  const custom = [
    { slug: "ideal-customer-profile", term: "Ideal customer profile", definition: "B2B software companies with 50–1,000 employees in North America and Europe, with a sales team of at least five.", ownerTeam: "marketing" as const, examples: "A 200-person SaaS company selling to finance teams.", links: "/dashboard?segment=mid_market", approvers: [[marketing, "marketing"], [sales, "sales"]] as [number, Role][] },
    { slug: "recycled-lead", term: "Recycled lead", definition: "A rejected MQL that marketing nurtures again and may hand over once more after 90 days.", ownerTeam: "joint" as const, examples: "", links: "", approvers: [[marketing, "marketing"]] as [number, Role][] },
  ];
  for (const c of custom) {
    const [row] = await db
      .insert(glossaryTerms)
      .values({ slug: c.slug, term: c.term, definition: c.definition, ownerTeam: c.ownerTeam, examples: c.examples, links: c.links, kind: "term", updatedBy: marketing, updatedAt: at })
      .onConflictDoNothing({ target: glossaryTerms.slug })
      .returning();
    if (!row) continue;
    await db.insert(glossaryTermVersions).values({ termId: row.id, version: 1, term: c.term, definition: c.definition, ownerTeam: c.ownerTeam, examples: c.examples, links: c.links, changedBy: marketing, changedAt: at });
    for (const [userId, role] of c.approvers) await db.insert(glossaryApprovals).values({ termId: row.id, version: 1, userId, role, createdAt: at }).onConflictDoNothing();
  }
  return custom.length;
}

async function seedMeetings(db: Db, people: Record<Role, number | null>, at: Date): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(meetings);
  if (Number(n) > 0 || people.marketing === null || people.sales === null) return 0;
  const organisers = ["marketing", "sales", "marketing", "sales", "sales", "marketing", "sales", "marketing", "sales", "marketing"] as const;
  let count = 0;
  for (const [i, daysAgo] of MEETING_DAYS_AGO.entries()) {
    const day = new Date(Math.floor((at.getTime() - daysAgo * DAY) / DAY) * DAY + 14 * 3_600_000);
    const organizerTeam = organisers[i % organisers.length]!;
    const [m] = await db
      .insert(meetings)
      .values({
        title: "Sales and marketing alignment",
        cadence: "joint",
        scheduledAt: day,
        durationMinutes: 60,
        organizerTeam,
        notes: i === MEETING_DAYS_AGO.length - 1 ? "Agreed to finish the SQL definition in the glossary before the next meeting." : "Reviewed the pipeline and the campaigns of the quarter.",
        createdBy: people[organizerTeam],
        createdAt: day,
        updatedAt: day,
      })
      .returning({ id: meetings.id });
    const attendees = [people.marketing, people.sales, ...(i % 3 === 0 && people.leadership !== null ? [people.leadership] : [])];
    await db.insert(meetingAttendees).values(attendees.map((userId) => ({ meetingId: m!.id, userId: userId! })));
    await db.insert(meetingAgendaItems).values(STANDING.map((title, position) => ({ meetingId: m!.id, position, title })));
    await db.insert(meetingActionItems).values([
      { meetingId: m!.id, title: "Review rejected leads with reasons", ownerUserId: people.sales, dueOn: new Date(day.getTime() + 14 * DAY).toISOString().slice(0, 10), doneAt: daysAgo > 30 ? new Date(day.getTime() + 10 * DAY) : null },
      { meetingId: m!.id, title: "Share next quarter's campaign calendar", ownerUserId: people.marketing, dueOn: new Date(day.getTime() + 21 * DAY).toISOString().slice(0, 10), doneAt: daysAgo > 30 ? new Date(day.getTime() + 20 * DAY) : null },
    ]);
    await recordAudit(db, { actor: { label: "seed" }, entity: "meeting", action: "create", entityId: m!.id, after: { scheduledAt: day.toISOString(), organizerTeam } });
    count++;
  }
  return count;
}

async function seedFeedback(db: Db, people: Record<Role, number | null>, at: Date): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(teamFeedback);
  if (Number(n) > 0 || people.marketing === null || people.sales === null) return 0;
  const leadRows = await db.execute<{ lead_id: string }>(sql`select lead_id from leads where rejected_at is not null order by rejected_at desc limit 1`);
  const dealRows = await db.execute<{ deal_id: string }>(sql`select deal_id from deals where stage = 'closed_lost' order by closed_at desc limit 1`);
  const lead = [...leadRows][0]?.lead_id;
  const deal = [...dealRows][0]?.deal_id;
  const h = (hours: number) => new Date(at.getTime() - hours * 3_600_000);
  const items = [
    lead
      ? { fromTeam: "sales" as const, toTeam: "marketing" as const, authorId: people.sales, subject: "This MQL was a student, not a buyer", body: "Rejected: no budget and no company. Can the scoring exclude free e-mail domains?", evidenceKind: "lead", evidenceRef: lead, createdAt: h(30), reply: null }
      : null,
    { fromTeam: "marketing" as const, toTeam: "sales" as const, authorId: people.marketing, subject: "Webinar leads wait too long for a first call", body: "Half of last month's webinar MQLs breached the response SLA. See the view.", evidenceKind: "view", evidenceRef: "/sla?from=2026-05-01&to=2026-05-31", createdAt: h(120), reply: { by: people.sales, body: "Agreed: we add a webinar follow-up block on Tuesdays.", after: 6 } },
    deal
      ? { fromTeam: "sales" as const, toTeam: "marketing" as const, authorId: people.sales, subject: "Lost on price: do we have a ROI case study?", body: "The buyer asked for proof of payback.", evidenceKind: "deal", evidenceRef: deal, createdAt: h(400), reply: { by: people.marketing, body: "Yes, the logistics case study: sending it now.", after: 20 }, resolved: true }
      : null,
  ].filter((x): x is NonNullable<typeof x> => x !== null);
  for (const item of items) {
    const { reply, createdAt, ...values } = item;
    const resolved = "resolved" in item && item.resolved === true;
    const answeredAt = reply ? new Date(createdAt.getTime() + reply.after * 3_600_000) : null;
    const [row] = await db
      .insert(teamFeedback)
      .values({
        fromTeam: values.fromTeam,
        toTeam: values.toTeam,
        authorId: values.authorId,
        subject: values.subject,
        body: values.body,
        evidenceKind: values.evidenceKind,
        evidenceRef: values.evidenceRef,
        status: resolved ? "resolved" : reply ? "answered" : "open",
        createdAt,
        firstResponseAt: answeredAt,
        resolvedAt: resolved ? answeredAt : null,
        lastActivityAt: answeredAt ?? createdAt,
      })
      .returning({ id: teamFeedback.id });
    if (reply && answeredAt) await db.insert(teamFeedbackMessages).values({ feedbackId: row!.id, authorId: reply.by, body: reply.body, createdAt: answeredAt });
    if (values.authorId !== null) await db.insert(teamFeedbackReads).values({ feedbackId: row!.id, userId: values.authorId, readAt: createdAt });
    await recordAudit(db, { actor: { userId: values.authorId, label: "seed" }, entity: "team_feedback", action: "create", entityId: row!.id, after: { subject: values.subject } });
  }
  return items.length;
}

async function seedAssessments(db: Db, people: Record<Role, number | null>, at: Date): Promise<number> {
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(assessments);
  if (Number(n) > 0) return 0;
  const answersOf = (values: number[]): Answers => Object.fromEntries(QUESTIONS.map((q, i) => [q, values[i] ?? 2])) as Answers;
  const past = [
    { daysAgo: 120, by: people.leadership, answers: answersOf([2, 2, 1, 2, 2, 2, 3, 2, 1]) },
    { daysAgo: 30, by: people.marketing, answers: answersOf([3, 3, 2, 3, 3, 2, 3, 3, 2]) },
  ];
  for (const p of past) {
    const when = new Date(at.getTime() - p.daysAgo * DAY);
    const signals = await computeEvidence(db, when);
    const result = scoreAssessment(p.answers, signals);
    const [row] = await db
      .insert(assessments)
      .values({
        takenBy: p.by,
        answers: p.answers,
        score: String(result.score),
        level: result.level,
        selfScore: String(result.selfScore),
        evidenceScore: result.evidenceScore === null ? null : String(result.evidenceScore),
        evidence: { signals, result } as unknown as Record<string, unknown>,
        createdAt: when,
      })
      .returning({ id: assessments.id });
    await recordAudit(db, { actor: { userId: p.by, label: "seed" }, entity: "assessment", action: "create", entityId: row!.id, after: { score: result.score } });
  }
  return past.length;
}

/** `at`: the demo data's end (the seed's `now`), else now() (the pinned clock). */
export async function seedWorkspace(db: Db, at: Date = now()): Promise<WorkspaceSeedSummary> {
  const people: Record<Role, number | null> = {
    admin: await userOf(db, "admin"),
    leadership: await userOf(db, "leadership"),
    marketing: await userOf(db, "marketing"),
    sales: await userOf(db, "sales"),
  };
  const terms = await seedGlossary(db, people, at);
  const meetingCount = await seedMeetings(db, people, at);
  const feedback = await seedFeedback(db, people, at);
  const assessmentCount = await seedAssessments(db, people, at);
  return { terms, meetings: meetingCount, feedback, assessments: assessmentCount };
}
