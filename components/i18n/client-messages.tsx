import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { CLIENT_NAMESPACES, pickMessages, type ClientArea } from "@/lib/i18n/client-namespaces";

/**
 * Client components below get the message catalogues their area uses (CLIENT_NAMESPACES), not
 * every catalogue: the messages are part of every page's payload. Locale, time zone and formats
 * come from the request as for any NextIntlClientProvider in a server component.
 */
export async function ClientMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const messages = await getMessages();
  return <NextIntlClientProvider messages={pickMessages(messages, CLIENT_NAMESPACES[area])}>{children}</NextIntlClientProvider>;
}
