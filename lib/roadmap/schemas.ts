import { z } from "zod";
import { now } from "@/lib/clock";
import { MAX_INT4 } from "@/lib/limits";
import { addDays, isIsoDate, todayInZone } from "@/lib/time";
import { HEALTH, LIMITS, OWNING_TEAMS } from "./constants";
import { KPI_KEYS, kpiUnit } from "./kpi";
import { percentToRatio, targetProblem } from "./kpi-target";

/**
 * Input schemas of every roadmap change. They accept both FormData (strings) and objects.
 * Messages are short codes ("required", "too_long_200", …) that the UI translates
 * (roadmap.validation.*).
 */
/** The message code of a text over `limit` characters: `too_long_<limit>` (roadmap.validation.*, which states the limit). */
export const tooLong = (limit: number) => `too_long_${limit}`;

const blankToNull = (v: unknown) => (v === "" || v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

// Ids and versions are int4 columns: a larger number is no row's (and would make PostgreSQL fail).
const id = z.coerce
  .number({ message: "required" })
  .int({ message: "required" })
  .positive({ message: "required" })
  .max(MAX_INT4, { message: "invalid_choice" });
const version = z.coerce.number({ message: "required" }).int({ message: "required" }).min(1, { message: "required" }).max(MAX_INT4, { message: "required" });

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The earliest due date a card may have. */
export const MIN_DUE_DATE = "2000-01-01";
/** How far ahead a due date may be, in years. */
export const MAX_DUE_YEARS_AHEAD = 10;

/**
 * The earliest "today" anywhere on Earth (UTC−12) as YYYY-MM-DD. The schemas cannot know the
 * organisation's time zone, so they refuse only dates past everywhere; the service checks the
 * exact day in the organisation's calendar (lib/roadmap/service.ts). "Now" is the app's clock
 * (lib/clock.ts), so a pinned ALIGNBOARD_NOW validates against the same day the pages show.
 */
export function earliestToday(at: Date = now()): string {
  return todayInZone("Etc/GMT+12", at);
}

/** The latest due date allowed on `today`: the same day ten years later (28 Feb for 29 Feb). */
export function maxDueDate(today: string): string {
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const target = `${String(y + MAX_DUE_YEARS_AHEAD).padStart(4, "0")}-${String(m).padStart(2, "0")}-`;
  return isIsoDate(`${target}${String(d).padStart(2, "0")}`) ? `${target}${String(d).padStart(2, "0")}` : addDays(`${target}01`, d - 2);
}

/**
 * Whether a card's due date may be set to `dueOn` on `today`: never before 2000-01-01 nor more
 * than ten years ahead, and in the past only when the card already had exactly that date (an
 * edit that leaves an old due date alone). Returns the validation code, or null when allowed.
 */
export function dueDateProblem(
  dueOn: string,
  opts: { today?: string; previous?: string | null } = {},
): "due_too_early" | "due_too_late" | "due_in_past" | null {
  const today = opts.today ?? earliestToday();
  if (dueOn < MIN_DUE_DATE) return "due_too_early";
  if (dueOn > maxDueDate(today)) return "due_too_late";
  if (dueOn < today && dueOn !== opts.previous) return "due_in_past";
  return null;
}

const title = z
  .string({ message: "required" })
  .trim()
  .min(1, { message: "required" })
  .max(LIMITS.title, { message: tooLong(LIMITS.title) });

const cardFields = {
  title,
  description: z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .max(LIMITS.description, { message: tooLong(LIMITS.description) })
      // Plain text: normalise line endings, drop trailing blanks; rendered as text, never as HTML.
      .transform((s) => s.replace(/\r\n?/g, "\n").trimEnd()),
  ),
  team: z.enum(OWNING_TEAMS, { message: "invalid_choice" }),
  ownerUserId: z.preprocess(blankToNull, id.nullable()),
  dueOn: z.preprocess(
    blankToNull,
    z
      .string()
      .regex(ISO_DATE, { message: "invalid_date" })
      .refine((s) => isIsoDate(s), { message: "invalid_date" })
      .nullable(),
  ),
  health: z.preprocess(blankToUndefined, z.enum(HEALTH, { message: "invalid_choice" }).default("on_track")),
  kpiKey: z.preprocess(blankToNull, z.enum(KPI_KEYS, { message: "invalid_choice" }).nullable()),
  kpiTarget: z.preprocess(
    (v) => (typeof v === "number" ? String(v) : blankToNull(v)),
    z
      .string()
      .trim()
      .max(30, { message: "invalid_number" })
      .regex(/^-?\d+(\.\d+)?$/, { message: "invalid_number" })
      .nullable(),
  ),
  /**
   * "percent" when a form sends the target of a share (ratio KPI) as a percentage 0..100 (the
   * board's forms do); absent, a share is given as stored, 0..1 (API and object callers).
   */
  kpiTargetScale: z.preprocess(blankToUndefined, z.enum(["percent"], { message: "invalid_choice" }).optional()),
};

type CardShape = {
  kpiKey: (typeof KPI_KEYS)[number] | null;
  kpiTarget: string | null;
  kpiTargetScale?: "percent" | undefined;
  dueOn: string | null;
};

/**
 * The rules between fields: a target needs its KPI, and fits the KPI's unit (a share 0–100 %,
 * counts and money ≥ 0, days > 0); a due date lies between 2000-01-01 and ten years ahead.
 */
function checkCard(v: CardShape, ctx: z.RefinementCtx) {
  if (v.kpiTarget !== null && v.kpiKey === null) {
    ctx.addIssue({ code: "custom", path: ["kpiKey"], message: "kpi_required_for_target" });
  }
  if (v.kpiTarget !== null && v.kpiKey !== null) {
    const percent = v.kpiTargetScale === "percent" && kpiUnit(v.kpiKey) === "ratio";
    const stored = percent && !v.kpiTarget.startsWith("-") ? percentToRatio(v.kpiTarget) : v.kpiTarget;
    const problem = targetProblem(v.kpiKey, stored);
    if (problem !== null) {
      const message = problem === "kpi_target_ratio_range" && percent ? "kpi_target_percent_range" : problem;
      ctx.addIssue({ code: "custom", path: ["kpiTarget"], message });
    }
  }
  if (v.dueOn !== null) {
    const problem = dueDateProblem(v.dueOn, { previous: v.dueOn });
    if (problem !== null) ctx.addIssue({ code: "custom", path: ["dueOn"], message: problem });
  }
}

/** A parsed card's target as stored: a percentage sent by a form becomes a share. */
function storedTarget<T extends CardShape>(v: T): Omit<T, "kpiTargetScale"> {
  const { kpiTargetScale, ...rest } = v;
  if (kpiTargetScale === "percent" && rest.kpiKey !== null && rest.kpiTarget !== null && kpiUnit(rest.kpiKey) === "ratio") {
    return { ...rest, kpiTarget: percentToRatio(rest.kpiTarget) };
  }
  return rest;
}

/** A new card: as checkCard, and its due date (if any) is not in the past. */
export const createCardSchema = z
  .object({ columnId: id, ...cardFields })
  .superRefine((v, ctx) => {
    checkCard(v, ctx);
    if (v.dueOn !== null && dueDateProblem(v.dueOn) === "due_in_past") {
      ctx.addIssue({ code: "custom", path: ["dueOn"], message: "due_in_past" });
    }
  })
  .transform(storedTarget);
export type CreateCardInput = z.input<typeof createCardSchema>;

/**
 * A change to a card: as checkCard. Whether a past due date may stay is for the service to say
 * (it knows the card's current date: an unchanged old date is kept, a new past one refused).
 */
export const updateCardSchema = z.object({ id, version, ...cardFields }).superRefine(checkCard).transform(storedTarget);
export type UpdateCardInput = z.input<typeof updateCardSchema>;

export const moveCardSchema = z.object({
  id,
  version,
  toColumnId: id,
  toIndex: z.coerce.number().int().min(0).max(100_000),
});
export type MoveCardInput = z.input<typeof moveCardSchema>;

export const deleteCardSchema = z.object({ id, version });
export type DeleteCardInput = z.input<typeof deleteCardSchema>;

export const addCommentSchema = z.object({
  itemId: id,
  body: z
    .string({ message: "required" })
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .pipe(z.string().min(1, { message: "required" }).max(LIMITS.comment, { message: "comment_too_long" })),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;

const columnName = z
  .string({ message: "required" })
  .trim()
  .min(1, { message: "required" })
  .max(LIMITS.columnName, { message: tooLong(LIMITS.columnName) });

export const createColumnSchema = z.object({ name: columnName });
export const renameColumnSchema = z.object({ id, name: columnName });
export const moveColumnSchema = z.object({ id, toIndex: z.coerce.number().int().min(0).max(1000) });
export const deleteColumnSchema = z.object({ id });
export type CreateColumnInput = z.input<typeof createColumnSchema>;
export type RenameColumnInput = z.input<typeof renameColumnSchema>;
export type MoveColumnInput = z.input<typeof moveColumnSchema>;
export type DeleteColumnInput = z.input<typeof deleteColumnSchema>;
