import { getFormatter, getTranslations } from "next-intl/server";
import { getDb } from "@/db/client";
import { requireArea } from "@/lib/authz/guard";
import type { Area } from "@/lib/authz/policy";
import { dataCounts } from "@/lib/overview/counts";

/**
 * An honest placeholder for an area that is not built yet: it says what the area will do and
 * shows only real facts (how much data has been imported), never sample numbers.
 */
export function placeholderPage(area: Exclude<Area, "admin" | "import">) {
  return async function PlaceholderPage() {
    await requireArea(area);
    const t = await getTranslations("placeholder");
    const nav = await getTranslations("nav");
    const format = await getFormatter();
    const counts = await dataCounts(await getDb());
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
  };
}
