import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { SignInForm } from "./signin-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("title") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The sign-in page (outside the app shell). A signed-in visitor goes straight on. */
export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(first(params.callbackUrl), process.env.NEXTAUTH_URL) ?? "/dashboard";
  if (await getCurrentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <main id="main" className="signin">
      <div className="card">
        <h1>{t("title")}</h1>
        <p className="muted">{t("intro")}</p>
        <SignInForm callbackUrl={callbackUrl} initialError={first(params.error) ?? null} />
      </div>
    </main>
  );
}
