import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";

/** Rendered with status 403 when a page calls forbidden() (see lib/authz/guard.ts). */
export default async function Forbidden() {
  const t = await getTranslations("common");
  const user = await getCurrentUser();
  return (
    <main id="main" className="centered">
      <div className="card narrow" role="alert">
        <h1>{t("forbiddenTitle")}</h1>
        <p>{user ? t("forbiddenBody", { role: t(`role.${user.role}`) }) : t("forbiddenBodyAnonymous")}</p>
        <Link className="btn" href="/">
          {t("backToDashboard")}
        </Link>
      </div>
    </main>
  );
}
