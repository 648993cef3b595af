import type { ReactNode } from "react";
import { ClientMessages } from "@/components/i18n/client-messages";

/** The sign-in form's message catalogues (lib/i18n/client-namespaces.ts). */
export default function Layout({ children }: { children: ReactNode }) {
  return <ClientMessages area="signin">{children}</ClientMessages>;
}
