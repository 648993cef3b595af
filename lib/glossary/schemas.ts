import { z } from "zod";
import { OWNING_TEAMS } from "@/lib/enums";
import { MAX_INT4 } from "@/lib/limits";
import { GLOSSARY_LIMITS } from "./constants";

/**
 * Input schemas of the glossary's changes (FormData strings or objects). Messages are short codes
 * the UI translates (workspace.validation.*).
 */
const tooLong = (limit: number) => `too_long_${limit}`;
const id = z.coerce.number({ message: "required" }).int({ message: "required" }).positive({ message: "required" }).max(MAX_INT4, { message: "required" });
const version = z.coerce.number({ message: "required" }).int({ message: "required" }).min(1, { message: "required" }).max(MAX_INT4, { message: "required" });
const plain = (limit: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string()
      .max(limit, { message: tooLong(limit) })
      .transform((s) => s.replace(/\r\n?/g, "\n").trim()),
  );

/** A link: an https/http URL or a path inside the app ("/dashboard?…"), never "//host" or "javascript:". */
export function isAllowedLink(link: string): boolean {
  if (link.startsWith("/")) return !link.startsWith("//") && !link.startsWith("/\\");
  try {
    const url = new URL(link);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

/** The links of a term: one a line, blank lines dropped; each must be allowed. */
export function parseLinks(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "");
}

const links = plain(GLOSSARY_LIMITS.links).superRefine((text, ctx) => {
  const list = parseLinks(text);
  if (list.length > GLOSSARY_LIMITS.linkCount) ctx.addIssue({ code: "custom", message: "too_many_links" });
  else if (list.some((l) => !isAllowedLink(l))) ctx.addIssue({ code: "custom", message: "invalid_link" });
});

const termFields = {
  term: z
    .string({ message: "required" })
    .trim()
    .min(1, { message: "required" })
    .max(GLOSSARY_LIMITS.term, { message: tooLong(GLOSSARY_LIMITS.term) }),
  definition: plain(GLOSSARY_LIMITS.definition).refine((s) => s !== "", { message: "required" }),
  ownerTeam: z.enum(OWNING_TEAMS, { message: "invalid_choice" }),
  examples: plain(GLOSSARY_LIMITS.examples),
  links,
  criteria: plain(GLOSSARY_LIMITS.criteria),
};

export const createTermSchema = z.object(termFields);
export type CreateTermInput = z.input<typeof createTermSchema>;

export const updateTermSchema = z.object({ id, version, ...termFields });
export type UpdateTermInput = z.input<typeof updateTermSchema>;

export const approveTermSchema = z.object({ id, version });
export type ApproveTermInput = z.input<typeof approveTermSchema>;

export const searchSchema = z.preprocess(
  (v) => (typeof v === "string" ? v : ""),
  z.string().transform((s) => s.trim().slice(0, GLOSSARY_LIMITS.search)),
);
