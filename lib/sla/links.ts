import { linkTo, type LinkValues } from "@/lib/url-state/links";

/**
 * The lead's SLA page (app/(app)/sla/leads/[leadId]) with the view's URL state (period,
 * filters, as_of), so its way back returns to the same view. Linked from the SLA queue, the
 * breached list, the conflicts and the drill-down's lead rows.
 */
export function slaLeadHref(leadId: string, values: LinkValues = {}): string {
  return linkTo(`/sla/leads/${encodeURIComponent(leadId)}`, values);
}
