import Link from "next/link";
import { getTranslations } from "next-intl/server";

export default async function NotFound() {
  const t = await getTranslations("common");
  return (
    <main id="main" className="centered">
      <div className="card narrow">
        <h1>{t("notFoundTitle")}</h1>
        <p>{t("notFoundBody")}</p>
        <Link className="btn" href="/">
          {t("backToDashboard")}
        </Link>
      </div>
    </main>
  );
}
