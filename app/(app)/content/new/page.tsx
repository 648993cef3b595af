import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireArea } from "@/lib/authz/guard";
import { AssetForm } from "../forms";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("content");
  return { title: t("addAsset") };
}

/** Marketing adds an asset (the importer's rules check it on the server). */
export default async function NewAssetPage() {
  await requireArea("content", "edit");
  const t = await getTranslations("content");
  return (
    <section aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t("addAsset")}</h1>
        <Link href="/content">{t("asset.back")}</Link>
      </header>
      <div className="card">
        <AssetForm asset={null} />
      </div>
    </section>
  );
}
