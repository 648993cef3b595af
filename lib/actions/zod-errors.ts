import { z } from "zod";

/**
 * One readable message for a zod issue: "is required" for a missing value (recognised from
 * zod's default message, or from `input` when parsed with `{ reportInput: true }`).
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_type") {
    if (/received undefined/.test(issue.message)) return "is required";
    if ("input" in issue && issue.input === undefined) return "is required";
  }
  return issue.message;
}

/** The dotted field name of an issue ("" for the whole input). */
export function issueField(issue: z.core.$ZodIssue): string {
  return issue.path.map(String).join(".");
}

/** Field errors keyed by field name; issues about the whole input go under "". */
export function zodFieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issueField(issue);
    (out[key] ??= []).push(issueMessage(issue));
  }
  return out;
}

/** "field: message; other: message" — one line for command output and logs. */
export function formatZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const field = issueField(issue);
      return field ? `${field}: ${issueMessage(issue)}` : issueMessage(issue);
    })
    .join("; ");
}
