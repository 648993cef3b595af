import "server-only";
import { asc, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { assessments, roadmapColumns, users } from "@/db/schema";
import { recordAudit } from "@/lib/audit/record";
import { now } from "@/lib/clock";
import type { Role } from "@/lib/enums";
import { DomainError } from "@/lib/errors";
import { syncGlossary } from "@/lib/glossary/service";
import { createCard } from "@/lib/roadmap/service";
import { computeEvidence } from "./evidence";
import { LEVELS, QUESTIONS, scoreAssessment, STEP_KPI, type AssessmentResult, type Answers, type Level, type QuestionKey, type Signal } from "./model";

/** Saving an assessment, the history (trend), and a next step as a roadmap card. */
export type Actor = { id: number; role: Role };

const answer = z.coerce.number({ message: "answer_range" }).int({ message: "answer_range" }).min(1, { message: "answer_range" }).max(4, { message: "answer_range" });
export const answersSchema = z.object(Object.fromEntries(QUESTIONS.map((q) => [q, answer])) as Record<QuestionKey, typeof answer>);
export const stepSchema = z.object({ question: z.enum(QUESTIONS, { message: "invalid_choice" }) });

/** What an assessment keeps beside its answers: the evidence then, and the result. */
export type StoredEvidence = { signals: Signal[]; result: AssessmentResult };

export type SavedAssessment = {
  id: number;
  createdAt: string;
  takenByName: string | null;
  score: number;
  level: Level;
  selfScore: number | null;
  evidenceScore: number | null;
  answers: Answers;
  evidence: StoredEvidence | null;
};

/** The current evidence (the glossary's starter terms first, so MQL and SQL exist). */
export async function currentEvidence(db: Db): Promise<Signal[]> {
  await syncGlossary(db);
  return computeEvidence(db, now());
}

/** Scores the answers against the evidence measured now, and keeps both. */
export async function saveAssessment(db: Db, actor: Actor, raw: unknown): Promise<SavedAssessment> {
  const answers = answersSchema.parse(raw) as Answers;
  const signals = await currentEvidence(db);
  const result = scoreAssessment(answers, signals);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(assessments)
      .values({
        takenBy: actor.id,
        answers,
        score: String(result.score),
        level: result.level,
        selfScore: String(result.selfScore),
        evidenceScore: result.evidenceScore === null ? null : String(result.evidenceScore),
        evidence: { signals, result } as unknown as Record<string, unknown>,
        createdAt: now(),
      })
      .returning({ id: assessments.id });
    await recordAudit(tx, { actor: { userId: actor.id }, entity: "assessment", action: "create", entityId: row!.id, after: { answers, score: result.score, level: result.level } });
    return row!.id;
  });
  const [saved] = (await listAssessments(db)).filter((a) => a.id === id);
  if (!saved) throw new DomainError("not_found", "The assessment was not saved.");
  return saved;
}

/** Every assessment, newest first. */
export async function listAssessments(db: Db, limit = 50): Promise<SavedAssessment[]> {
  const rows = await db
    .select({ a: assessments, name: users.name })
    .from(assessments)
    .leftJoin(users, eq(users.id, assessments.takenBy))
    .orderBy(desc(assessments.createdAt), desc(assessments.id))
    .limit(limit);
  return rows.map(({ a, name }) => ({
    id: a.id,
    createdAt: a.createdAt.toISOString(),
    takenByName: name,
    score: Number(a.score),
    level: (LEVELS as readonly string[]).includes(a.level) ? (a.level as Level) : "somewhat_misaligned",
    selfScore: a.selfScore === null ? null : Number(a.selfScore),
    evidenceScore: a.evidenceScore === null ? null : Number(a.evidenceScore),
    answers: a.answers as Answers,
    evidence: "result" in a.evidence ? (a.evidence as unknown as StoredEvidence) : null,
  }));
}

/** A next step as a joint roadmap card in the board's first column, linked to the KPI it should move. */
export async function makeStepCard(db: Db, actor: Actor, raw: unknown, text: { title: string; description: string }): Promise<{ roadmapItemId: number }> {
  const { question } = stepSchema.parse(raw);
  const [column] = await db.select({ id: roadmapColumns.id }).from(roadmapColumns).orderBy(asc(roadmapColumns.position)).limit(1);
  if (!column) throw new DomainError("not_found", "The roadmap has no column.");
  const card = await createCard(db, actor, {
    columnId: column.id,
    title: text.title,
    description: text.description,
    team: "joint",
    ownerUserId: actor.id,
    dueOn: null,
    health: "on_track",
    kpiKey: STEP_KPI[question],
    kpiTarget: null,
  });
  return { roadmapItemId: card.id };
}
