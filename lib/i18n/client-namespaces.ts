import type { NAMESPACES } from "./config";

type Namespace = (typeof NAMESPACES)[number];
type Messages = Record<string, unknown>;

/**
 * The message namespaces each part of the UI hands to its client components (the browser gets
 * these catalogues with every page, serialised into the page's payload; the server renders
 * with all of them). `shell` is the root layout's: the sign-in form, the app shell, error and
 * not-found pages, shared components. Each area of app/(app) adds its own in its layout.tsx
 * (ClientMessages): the dashboard sends 14 KB of messages instead of all 77 KB.
 * lib/i18n/client-namespaces.test.ts checks every list against the namespaces the area's code
 * actually uses in client hooks (useTranslations, useActionForm / useActionError), so a list
 * can't fall behind.
 */
export const CLIENT_NAMESPACES = {
  shell: ["common"],
  signin: ["common", "auth"],
  admin: ["common", "admin"],
  assessment: ["common", "workspace"],
  "closed-loop": ["common", "dashboard"],
  content: ["common", "content", "dashboard"],
  dashboard: ["common", "dashboard"],
  design: ["common"],
  feedback: ["common", "workspace"],
  glossary: ["common", "workspace"],
  import: ["common", "importPage"],
  meetings: ["common", "workspace"],
  roadmap: ["common", "kpi", "roadmap", "workspace"],
  sla: ["common", "dashboard", "sla"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientArea = keyof typeof CLIENT_NAMESPACES;

/** The given top-level namespaces of a messages object (missing ones are left out). */
export function pickMessages(messages: Messages, namespaces: readonly string[]): Messages {
  const out: Messages = {};
  for (const ns of namespaces) if (ns in messages) out[ns] = messages[ns];
  return out;
}
