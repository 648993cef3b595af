import type { KpiKey } from "@/lib/kpi/definitions";

/**
 * The alignment assessment (plain module; tests in model.test.ts): the questionnaire on the signs
 * of the four alignment levels, the evidence signals beside each question, and the scoring.
 */

/** The four levels, best first. */
export const LEVELS = ["completely_aligned", "somewhat_aligned", "somewhat_misaligned", "completely_misaligned"] as const;
export type Level = (typeof LEVELS)[number];

/** The signs the issue lists, one question each (statement: workspace.assessment.questions.<key>). */
export const QUESTIONS = [
  "common_goals",
  "meeting_frequency",
  "sql_definition",
  "integrated_system",
  "feedback_openness",
  "customer_journey",
  "shared_channels",
  "content_goal",
  "lead_quality_blame",
] as const;
export type QuestionKey = (typeof QUESTIONS)[number];

/** Answers: how true the question's statement is, 1 (not true) … 4 (fully true). */
export const ANSWER_VALUES = [4, 3, 2, 1] as const;
export type Answers = Record<QuestionKey, number>;

export const SIGNALS = [
  "joint_kpi_cards",
  "meeting_cadence",
  "organiser_balance",
  "agreed_mql_sql",
  "import_freshness",
  "rejection_reasons",
  "feedback_answered",
  "won_with_path",
  "assets_with_stage",
  "content_unused",
  "sla_compliance",
] as const;
export type SignalKey = (typeof SIGNALS)[number];

/** Which evidence stands beside which question (none for shared channels: nothing in the data says). */
export const QUESTION_SIGNALS: Record<QuestionKey, readonly SignalKey[]> = {
  common_goals: ["joint_kpi_cards"],
  meeting_frequency: ["meeting_cadence", "organiser_balance"],
  sql_definition: ["agreed_mql_sql"],
  integrated_system: ["import_freshness"],
  feedback_openness: ["rejection_reasons", "feedback_answered"],
  customer_journey: ["won_with_path"],
  shared_channels: [],
  content_goal: ["assets_with_stage", "content_unused"],
  lead_quality_blame: ["sla_compliance", "rejection_reasons"],
};

/** The KPI a next step's roadmap card should move. */
export const STEP_KPI: Record<QuestionKey, KpiKey> = {
  common_goals: "marketing_sourced_share",
  meeting_frequency: "mql_to_sql_rate",
  sql_definition: "mql_to_sql_rate",
  integrated_system: "marketing_influenced_revenue",
  feedback_openness: "lead_rejection_rate",
  customer_journey: "marketing_influenced_revenue",
  shared_channels: "sla_compliance",
  content_goal: "content_usage_rate",
  lead_quality_blame: "sla_compliance",
};

export type SignalStatus = "good" | "warn" | "bad" | "not_measured";

/**
 * One evidence signal: its status and the measured value (a ratio, a count or days; null when not
 * measured), with `detail` numbers for the sentence that explains it.
 */
export type Signal = { key: SignalKey; status: SignalStatus; value: number | null; detail: Record<string, number | string | null> };

/** A share's status: good at or above `good`, warn at or above `warn`, else bad; null → not measured. */
export function shareStatus(value: number | null, good: number, warn: number): SignalStatus {
  if (value === null) return "not_measured";
  return value >= good ? "good" : value >= warn ? "warn" : "bad";
}

/** The same for a value where lower is better (good at or below `good`). */
export function lowShareStatus(value: number | null, good: number, warn: number): SignalStatus {
  if (value === null) return "not_measured";
  return value <= good ? "good" : value <= warn ? "warn" : "bad";
}

const STATUS_POINTS: Record<Exclude<SignalStatus, "not_measured">, number> = { good: 100, warn: 50, bad: 0 };

/** An answer as points: 1 → 0, 2 → 33.3, 3 → 66.7, 4 → 100. */
export function answerPoints(answer: number): number {
  return ((answer - 1) / 3) * 100;
}

/** The level of a score (0–100): ≥ 75 completely aligned, ≥ 50 somewhat aligned, ≥ 25 somewhat misaligned, else completely misaligned. */
export function levelOf(score: number): Level {
  if (score >= 75) return "completely_aligned";
  if (score >= 50) return "somewhat_aligned";
  if (score >= 25) return "somewhat_misaligned";
  return "completely_misaligned";
}

/** Self-perception and evidence disagree when they are this many points apart or more. */
export const DISAGREEMENT_POINTS = 50;

export type QuestionResult = {
  key: QuestionKey;
  answer: number;
  self: number;
  /** Mean points of the measured signals, null when none is measured. */
  evidence: number | null;
  /** The mean of self and evidence; self alone without evidence. */
  score: number;
  disagreement: "overrated" | "underrated" | null;
};

export type AssessmentResult = {
  score: number;
  level: Level;
  selfScore: number;
  /** Mean evidence points over the questions that have any, null when none has. */
  evidenceScore: number | null;
  questions: QuestionResult[];
  /** The three most valuable next steps: the lowest-scoring questions (a disagreement first on a tie, then the questionnaire's order). */
  nextSteps: QuestionKey[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Scores answers against the evidence. */
export function scoreAssessment(answers: Answers, signals: readonly Signal[]): AssessmentResult {
  const byKey = new Map(signals.map((s) => [s.key, s]));
  const questions: QuestionResult[] = QUESTIONS.map((key) => {
    const answer = answers[key];
    const self = answerPoints(answer);
    const measured = QUESTION_SIGNALS[key]
      .map((k) => byKey.get(k)?.status ?? "not_measured")
      .filter((s): s is Exclude<SignalStatus, "not_measured"> => s !== "not_measured")
      .map((s) => STATUS_POINTS[s]);
    const evidence = measured.length > 0 ? mean(measured) : null;
    const score = evidence === null ? self : (self + evidence) / 2;
    const gap = evidence === null ? 0 : self - evidence;
    return {
      key,
      answer,
      self: round1(self),
      evidence: evidence === null ? null : round1(evidence),
      score: round1(score),
      disagreement: gap >= DISAGREEMENT_POINTS ? "overrated" : gap <= -DISAGREEMENT_POINTS ? "underrated" : null,
    };
  });
  const score = round1(mean(questions.map((q) => q.score)));
  const withEvidence = questions.filter((q) => q.evidence !== null).map((q) => q.evidence as number);
  const nextSteps = [...questions]
    .map((q, i) => ({ q, i }))
    .sort((a, b) => a.q.score - b.q.score || Number(b.q.disagreement !== null) - Number(a.q.disagreement !== null) || a.i - b.i)
    .slice(0, 3)
    .map(({ q }) => q.key);
  return {
    score,
    level: levelOf(score),
    selfScore: round1(mean(questions.map((q) => q.self))),
    evidenceScore: withEvidence.length > 0 ? round1(mean(withEvidence)) : null,
    questions,
    nextSteps,
  };
}
