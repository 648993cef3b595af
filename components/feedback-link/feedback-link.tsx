import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Params = Record<string, string | string[] | undefined>;

/** The report view as a path with its URL state (filters, period, model…), as the reader sees it. */
export function viewRef(path: string, searchParams: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(searchParams)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) query.append(key, v);
  }
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}

/**
 * "Send feedback on this view": opens a new feedback item (app/(app)/feedback) whose evidence is
 * this report view with its URL state, so the other team opens exactly what the sender saw.
 */
export async function FeedbackLink({ path, searchParams }: { path: string; searchParams: Params }) {
  const t = await getTranslations("common");
  const href = `/feedback?${new URLSearchParams({ kind: "view", ref: viewRef(path, searchParams) }).toString()}`;
  return (
    <Link href={href} className="btn" prefetch={false}>
      {t("feedbackOnView")}
    </Link>
  );
}
