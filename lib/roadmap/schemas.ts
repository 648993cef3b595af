import { z } from "zod";
import { isIsoDate } from "@/lib/time";
import { HEALTH, LIMITS, OWNING_TEAMS } from "./constants";
import { KPI_KEYS } from "./kpi";

/**
 * Input schemas of every roadmap change. They accept both FormData (strings) and objects.
 * Messages are short codes ("required", "too_long", …) that the UI translates
 * (roadmap.validation.*).
 */
const blankToNull = (v: unknown) => (v === "" || v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const blankToUndefined = (v: unknown) => (v === "" ? undefined : v);

const id = z.coerce.number({ message: "required" }).int({ message: "required" }).positive({ message: "required" });
const version = z.coerce.number({ message: "required" }).int({ message: "required" }).min(1, { message: "required" });

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const title = z
  .string({ message: "required" })
  .trim()
  .min(1, { message: "required" })
  .max(LIMITS.title, { message: "too_long" });

const cardFields = {
  title,
  description: z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .max(LIMITS.description, { message: "too_long" })
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
};

function kpiTargetNeedsKpi(v: { kpiKey: string | null; kpiTarget: string | null }, ctx: z.RefinementCtx) {
  if (v.kpiTarget !== null && v.kpiKey === null) {
    ctx.addIssue({ code: "custom", path: ["kpiKey"], message: "kpi_required_for_target" });
  }
}

export const createCardSchema = z.object({ columnId: id, ...cardFields }).superRefine(kpiTargetNeedsKpi);
export type CreateCardInput = z.input<typeof createCardSchema>;

export const updateCardSchema = z.object({ id, version, ...cardFields }).superRefine(kpiTargetNeedsKpi);
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
    .pipe(z.string().min(1, { message: "required" }).max(LIMITS.comment, { message: "too_long" })),
});
export type AddCommentInput = z.input<typeof addCommentSchema>;

const columnName = z
  .string({ message: "required" })
  .trim()
  .min(1, { message: "required" })
  .max(LIMITS.columnName, { message: "too_long" });

export const createColumnSchema = z.object({ name: columnName });
export const renameColumnSchema = z.object({ id, name: columnName });
export const moveColumnSchema = z.object({ id, toIndex: z.coerce.number().int().min(0).max(1000) });
export const deleteColumnSchema = z.object({ id });
export type CreateColumnInput = z.input<typeof createColumnSchema>;
export type RenameColumnInput = z.input<typeof renameColumnSchema>;
export type MoveColumnInput = z.input<typeof moveColumnSchema>;
export type DeleteColumnInput = z.input<typeof deleteColumnSchema>;
