import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

/** The assessment area's client components get its message catalogues (lib/i18n/client-namespaces.ts). */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="assessment">{children}</ClientMessages>;
}
