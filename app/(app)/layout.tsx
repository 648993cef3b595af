import type { ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/authz/guard";
import { navigationFor } from "@/lib/navigation";
import { NavLinks } from "@/components/shell/nav-links";
import { LocaleSwitcher } from "@/components/shell/locale-switcher";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { setLocale } from "./locale-actions";
import { CadenceIndicator } from "./meetings/cadence-indicator";
import { feedbackUnread } from "./feedback/unread";

/** The signed-in shell: header, the navigation the user's role may use, and the page. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations("common");
  const nav = await getTranslations("nav");
  const unread = await feedbackUnread(user);
  const items = navigationFor(user.role).map((item) => ({
    ...item,
    label: nav(item.area),
    badge: item.area === "feedback" && unread > 0 ? nav("unread", { count: unread }) : undefined,
  }));
  return (
    <div className="shell">
      <header className="shell-header">
        <Link className="brand" href="/">
          <span aria-hidden="true" className="brand-mark">
            ◆
          </span>
          {t("appName")}
        </Link>
        <div className="shell-user">
          <CadenceIndicator />
          <span>
            <span className="shell-signed-in">{t("signedInAs", { name: user.name })} · </span>
            <span className="badge">{t(`role.${user.role}`)}</span>
          </span>
          <LocaleSwitcher
            current={user.locale}
            label={t("language")}
            options={[
              { value: "en", label: t("languages.en") },
              { value: "es", label: t("languages.es") },
            ]}
            setLocale={setLocale}
          />
          <SignOutButton label={t("signOut")} />
        </div>
      </header>
      <nav className="shell-nav" aria-label={nav("label")}>
        <NavLinks items={items} />
      </nav>
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
