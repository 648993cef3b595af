import { describe, expect, it } from "vitest";
import { answerPoints, levelOf, lowShareStatus, QUESTIONS, scoreAssessment, shareStatus, type Answers, type Signal, type SignalKey, type SignalStatus } from "./model";

const all = (v: number): Answers => Object.fromEntries(QUESTIONS.map((q) => [q, v])) as Answers;
const sig = (key: SignalKey, status: SignalStatus): Signal => ({ key, status, value: null, detail: {} });

describe("assessment levels", () => {
  it("maps scores to the four levels at 25 / 50 / 75", () => {
    expect(levelOf(0)).toBe("completely_misaligned");
    expect(levelOf(24.9)).toBe("completely_misaligned");
    expect(levelOf(25)).toBe("somewhat_misaligned");
    expect(levelOf(49.9)).toBe("somewhat_misaligned");
    expect(levelOf(50)).toBe("somewhat_aligned");
    expect(levelOf(74.9)).toBe("somewhat_aligned");
    expect(levelOf(75)).toBe("completely_aligned");
    expect(levelOf(100)).toBe("completely_aligned");
  });
  it("turns answers into points", () => {
    expect([1, 2, 3, 4].map((a) => Math.round(answerPoints(a) * 10) / 10)).toEqual([0, 33.3, 66.7, 100]);
  });
  it("classifies shares at their thresholds", () => {
    expect(shareStatus(0.8, 0.8, 0.5)).toBe("good");
    expect(shareStatus(0.79, 0.8, 0.5)).toBe("warn");
    expect(shareStatus(0.5, 0.8, 0.5)).toBe("warn");
    expect(shareStatus(0.49, 0.8, 0.5)).toBe("bad");
    expect(shareStatus(null, 0.8, 0.5)).toBe("not_measured");
    expect(lowShareStatus(0.3, 0.3, 0.5)).toBe("good");
    expect(lowShareStatus(0.51, 0.3, 0.5)).toBe("bad");
  });
});

describe("scoreAssessment", () => {
  it("without evidence the score is the self-assessment", () => {
    const r = scoreAssessment(all(4), []);
    expect(r).toMatchObject({ score: 100, level: "completely_aligned", selfScore: 100, evidenceScore: null });
    expect(r.questions.every((q) => q.disagreement === null)).toBe(true);
  });
  it("averages self and evidence per question and flags disagreements", () => {
    // Everyone says "fully true", but the SQL definition is not agreed and the SLA is missed.
    const signals = [sig("agreed_mql_sql", "bad"), sig("sla_compliance", "bad"), sig("rejection_reasons", "warn"), sig("joint_kpi_cards", "good")];
    const r = scoreAssessment(all(4), signals);
    const q = Object.fromEntries(r.questions.map((x) => [x.key, x]));
    expect(q.sql_definition).toMatchObject({ self: 100, evidence: 0, score: 50, disagreement: "overrated" });
    // lead_quality_blame: sla bad (0) and rejection reasons warn (50) → evidence 25, score 62.5
    expect(q.lead_quality_blame).toMatchObject({ evidence: 25, score: 62.5, disagreement: "overrated" });
    // feedback_openness: rejection reasons warn → 50, gap 50 → a disagreement
    expect(q.feedback_openness).toMatchObject({ evidence: 50, score: 75, disagreement: "overrated" });
    expect(q.common_goals).toMatchObject({ evidence: 100, score: 100, disagreement: null });
    // (50 + 62.5 + 75 + 6 × 100) / 9 = 87.5
    expect(r.score).toBe(87.5);
    expect(r.level).toBe("completely_aligned");
    expect(r.evidenceScore).toBe(43.8); // (0 + 25 + 50 + 100) / 4 = 43.75
    expect(r.nextSteps).toEqual(["sql_definition", "lead_quality_blame", "feedback_openness"]);
  });
  it("flags underrating and breaks ties by disagreement, then questionnaire order", () => {
    const answers = { ...all(3), meeting_frequency: 1 };
    const r = scoreAssessment(answers, [sig("meeting_cadence", "good"), sig("organiser_balance", "good")]);
    const meeting = r.questions.find((x) => x.key === "meeting_frequency")!;
    expect(meeting).toMatchObject({ self: 0, evidence: 100, score: 50, disagreement: "underrated" });
    expect(r.nextSteps).toEqual(["meeting_frequency", "common_goals", "sql_definition"]);
    // (50 + 8 × 66.67) / 9 = 64.8
    expect(r.score).toBe(64.8);
    expect(r.level).toBe("somewhat_aligned");
  });
  it("all answers 'not true' and bad evidence is completely misaligned", () => {
    const r = scoreAssessment(all(1), [sig("agreed_mql_sql", "bad")]);
    expect(r).toMatchObject({ score: 0, level: "completely_misaligned" });
  });
});
