import { z } from "zod";
import { FUNNEL_STAGES, RATING_REASONS } from "@/lib/enums";
import { MAX_INT4, TEXT_LIMITS } from "@/lib/limits";

/**
 * Input schemas of the content area's changes (FormData strings or objects). Messages are short
 * codes the UI translates (content.validation.*). The asset fields themselves are checked by the
 * importer's own rules for content_assets.csv (lib/content/assets.ts), so a form and an import
 * accept the same values; these schemas only shape the input.
 */
const blankToNull = (v: unknown) => (v === undefined || (typeof v === "string" && v.trim() === "") ? null : v);
const text = (limit: number) => z.string().trim().max(limit, { message: `too_long_${limit}` });
const version = z.coerce.number({ message: "required" }).int({ message: "required" }).min(1, { message: "required" }).max(MAX_INT4, { message: "required" });
const intId = z.coerce.number({ message: "required" }).int({ message: "required" }).positive({ message: "required" }).max(MAX_INT4, { message: "required" });
const assetId = z.string().trim().min(1, { message: "required" }).max(TEXT_LIMITS.name, { message: `too_long_${TEXT_LIMITS.name}` });

/** The editable fields of an asset, as raw text: the importer's rules check them. */
const assetFields = {
  title: z.string().max(TEXT_LIMITS.csvCell, { message: `too_long_${TEXT_LIMITS.csvCell}` }).default(""),
  type: z.string().max(100).default(""),
  funnel_stage: z.string().max(100).default(""),
  owner_email: z.string().max(TEXT_LIMITS.name, { message: `too_long_${TEXT_LIMITS.name}` }).default(""),
  published_at: z.string().max(100).default(""),
  url: z.string().max(TEXT_LIMITS.longText, { message: `too_long_${TEXT_LIMITS.longText}` }).default(""),
};

export const createAssetSchema = z.object({ asset_id: assetId, ...assetFields });
export type CreateAssetInput = z.input<typeof createAssetSchema>;

export const updateAssetSchema = z.object({ asset_id: assetId, version, ...assetFields });
export type UpdateAssetInput = z.input<typeof updateAssetSchema>;

export const archiveAssetSchema = z.object({
  asset_id: assetId,
  version,
  /** true: archive now; false: restore. */
  archive: z.preprocess((v) => v === true || v === "true" || v === "on", z.boolean()),
});
export type ArchiveAssetInput = z.input<typeof archiveAssetSchema>;

export const rateAssetSchema = z
  .object({
    asset_id: assetId,
    useful: z.preprocess((v) => (v === "true" || v === true ? true : v === "false" || v === false ? false : v), z.boolean({ message: "required" })),
    reason: z.preprocess(blankToNull, z.enum(RATING_REASONS, { message: "invalid_choice" }).nullable()),
    comment: text(TEXT_LIMITS.longText).default(""),
  })
  .superRefine((v, ctx) => {
    if (!v.useful && v.reason === null) ctx.addIssue({ code: "custom", path: ["reason"], message: "reason_required" });
    if (v.reason === "other" && v.comment === "") ctx.addIssue({ code: "custom", path: ["comment"], message: "comment_required" });
  });
/** The rating input (FormData strings or values); an absent reason is none. */
export type RateAssetInput = Omit<z.input<typeof rateAssetSchema>, "reason"> & { reason?: unknown };

export const createRequestSchema = z.object({
  funnel_stage: z.preprocess(blankToNull, z.enum(FUNNEL_STAGES, { message: "invalid_choice" }).nullable()),
  topic: text(TEXT_LIMITS.name).min(1, { message: "required" }),
  why: text(TEXT_LIMITS.longText).default(""),
});
export type CreateRequestInput = Omit<z.input<typeof createRequestSchema>, "funnel_stage"> & { funnel_stage?: unknown };

export const completeRequestSchema = z.object({ request_id: intId, asset_id: assetId });
export type CompleteRequestInput = z.input<typeof completeRequestSchema>;

export const askSalesSchema = z.object({ asset_id: assetId, question: text(TEXT_LIMITS.longText).default("") });
export type AskSalesInput = z.input<typeof askSalesSchema>;
