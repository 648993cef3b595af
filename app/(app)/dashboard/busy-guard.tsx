import type { ReactNode } from "react";
import { isReportBusy } from "@/lib/cache/busy";
import { BusyRetry } from "./busy-retry";

/**
 * A widget that shows "busy, retrying" (BusyRetry) instead of failing the page when its KPI run
 * is refused by admission control; any other failure goes on to the error boundary as before.
 * The widget's own body awaits the run, so calling it here catches the refusal.
 */
export function busyGuarded<P extends object>(Widget: (props: P) => Promise<ReactNode>): (props: P) => Promise<ReactNode> {
  return async function Guarded(props: P) {
    let busy: number | null = null;
    try {
      return await Widget(props);
    } catch (err) {
      if (!isReportBusy(err)) throw err;
      busy = err.retryAfterSeconds;
    }
    return <BusyRetry seconds={busy} />;
  };
}
