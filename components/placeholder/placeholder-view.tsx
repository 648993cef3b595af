import { useFormatter, useTranslations } from "next-intl";
import type { Area } from "@/lib/authz/policy";
import type { DataCounts } from "@/lib/overview/counts";

/** The areas still shown as a placeholder (everything but admin and import, which are built). */
export type PlaceholderArea = Exclude<Area, "admin" | "import">;

/**
 * An honest placeholder for an area that is not built yet: it says what the area will do and
 * shows only real facts (how much data has been imported), never sample numbers. Presentational:
 * the page loads `counts` (lib/overview/counts.ts) and hands them in.
 */
export function PlaceholderView({ area, counts }: { area: PlaceholderArea; counts: DataCounts }) {
  const t = useTranslations("placeholder");
  const nav = useTranslations("nav");
  const format = useFormatter();
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{nav(area)}</h1>
        <span className="badge badge-muted">{t("notBuiltYet")}</span>
      </header>
      <div className="card">
        <p>{t(area)}</p>
        <p className="muted">{t("intro")}</p>
      </div>
      <div className="card">
        <h2>{t("dataAvailable")}</h2>
        <dl className="stats">
          {(Object.entries(counts) as [string, number][]).map(([key, value]) => (
            <div key={key}>
              <dt>{key === "contentAssets" ? "content assets" : key}</dt>
              <dd>{format.number(value)}</dd>
            </div>
          ))}
        </dl>
      </div>
    </section>
  );
}
