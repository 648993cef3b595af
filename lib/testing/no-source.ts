import type { KpiParams } from "@/lib/kpi";
import type { Dataset } from "@/lib/kpi/testing";

/**
 * The `no-source` fixture: deals without a primary lead and leads whose source is `unknown`
 * (data-contract.md §1: "A deal without a primary lead has no known source: it is not
 * marketing-sourced, and it is marketing-influenced only through its deal_contacts"; `unknown`
 * is not a marketing channel). Small enough to check by hand; the tests that read it
 * (lib/kpi/no-source.test.ts, lib/attribution/no-source.test.ts, lib/dashboard/no-source.test.ts)
 * write out the arithmetic next to each expected value.
 *
 * P = 2025-01-01 … 2025-03-31, as_of 2025-04-15T00:00:00Z, UTC.
 *
 * | deal | primary lead | stage | amount | created → closed | account | contacts |
 * |---|---|---|---|---|---|---|
 * | D1 | L1 (webinar) | won | 1000 | 01-15 → 02-01 | A1 | — |
 * | D2 | none | won | 500 | 01-20 → 02-15 | A2 | L5 (paid_search) |
 * | D3 | none | won | 300 | 02-01 → 03-01 | none | L3 (outbound), L4 (created after as_of) |
 * | D4 | L2 (unknown) | won | 200 | 01-05 → 03-10 | A1 | — |
 * | D5 | none | lost | 700 | 01-02 → 02-20 | — | — |
 * | D6 | none | proposal (open) | 400 | 02-10, expected 2025-04-30 | — | — |
 * | D7 | L1 | negotiation (open) | 250 | 03-01, expected 2025-04-01 (overdue at as_of) | — | — |
 * | D8 | none | won | 100 | 2024-01-10 → 2024-02-10 (PY) | — | — |
 * | D9 | none | won | 50 | 03-01 → 03-20 | A3 | — (empty path) |
 * | D10 | L6 (created 2025-04-20, after as_of) | won | 9999 | 03-01 → 03-25 | — | — (does not exist at as_of) |
 *
 * Touchpoints: T1 L1 01-05 webinar, T2 L1 01-25 email, T3 L5 01-10 paid_search, T4 L5 02-10
 * organic_social, T5 L3 01-25 outbound, T6 L4 02-01 webinar (L4 does not exist at as_of), T7 L2
 * 01-08 unknown, T8 L3 02-20 partner. MQLs: L1 (01-10, SQL 01-20), L2 (01-13).
 * Content: asset AS1 (published 2024-12-01), sent on D2 on 2025-02-01 (before D2's close).
 */
export const NO_SOURCE_PARAMS: KpiParams = { from: "2025-01-01", to: "2025-03-31", asOf: new Date("2025-04-15T00:00:00Z") };
export const NO_SOURCE_QUERY = "from=2025-01-01&to=2025-03-31&as_of=2025-04-15T00:00:00Z";

export const NO_SOURCE_DATASET: Dataset = {
  accounts: [{ id: "A1" }, { id: "A2" }, { id: "A3" }],
  leads: [
    { id: "L1", sourceChannel: "webinar", createdAt: "2024-12-01T00:00:00Z", mqlAt: "2025-01-10T10:00:00Z", sqlAt: "2025-01-20T10:00:00Z" },
    { id: "L2", sourceChannel: "unknown", createdAt: "2024-12-05T00:00:00Z", mqlAt: "2025-01-13T10:00:00Z" },
    { id: "L3", sourceChannel: "outbound", createdAt: "2024-11-01T00:00:00Z" },
    { id: "L4", sourceChannel: "unknown", createdAt: "2025-05-01T00:00:00Z" },
    { id: "L5", sourceChannel: "paid_search", createdAt: "2024-10-01T00:00:00Z" },
    { id: "L6", sourceChannel: "webinar", createdAt: "2025-04-20T00:00:00Z" },
  ],
  deals: [
    { id: "D1", primaryLeadId: "L1", accountId: "A1", amount: "1000", createdAt: "2025-01-15T00:00:00Z", stage: "closed_won", closedAt: "2025-02-01T00:00:00Z" },
    { id: "D2", accountId: "A2", amount: "500", createdAt: "2025-01-20T00:00:00Z", stage: "closed_won", closedAt: "2025-02-15T00:00:00Z" },
    { id: "D3", amount: "300", createdAt: "2025-02-01T00:00:00Z", stage: "closed_won", closedAt: "2025-03-01T00:00:00Z" },
    { id: "D4", primaryLeadId: "L2", accountId: "A1", amount: "200", createdAt: "2025-01-05T00:00:00Z", stage: "closed_won", closedAt: "2025-03-10T00:00:00Z" },
    { id: "D5", amount: "700", createdAt: "2025-01-02T00:00:00Z", stage: "closed_lost", closedAt: "2025-02-20T00:00:00Z" },
    { id: "D6", amount: "400", createdAt: "2025-02-10T00:00:00Z", stage: "proposal", expectedCloseOn: "2025-04-30" },
    { id: "D7", primaryLeadId: "L1", amount: "250", createdAt: "2025-03-01T00:00:00Z", stage: "negotiation", expectedCloseOn: "2025-04-01" },
    { id: "D8", amount: "100", createdAt: "2024-01-10T00:00:00Z", stage: "closed_won", closedAt: "2024-02-10T00:00:00Z" },
    { id: "D9", accountId: "A3", amount: "50", createdAt: "2025-03-01T00:00:00Z", stage: "closed_won", closedAt: "2025-03-20T00:00:00Z" },
    { id: "D10", primaryLeadId: "L6", amount: "9999", createdAt: "2025-03-01T00:00:00Z", stage: "closed_won", closedAt: "2025-03-25T00:00:00Z" },
  ],
  dealContacts: [
    { dealId: "D2", leadId: "L5" },
    { dealId: "D3", leadId: "L3" },
    { dealId: "D3", leadId: "L4" },
  ],
  touchpoints: [
    { id: "T1", leadId: "L1", occurredAt: "2025-01-05T00:00:00Z", channel: "webinar" },
    { id: "T2", leadId: "L1", occurredAt: "2025-01-25T00:00:00Z", channel: "email" },
    { id: "T3", leadId: "L5", occurredAt: "2025-01-10T00:00:00Z", channel: "paid_search" },
    { id: "T4", leadId: "L5", occurredAt: "2025-02-10T00:00:00Z", channel: "organic_social" },
    { id: "T5", leadId: "L3", occurredAt: "2025-01-25T00:00:00Z", channel: "outbound" },
    { id: "T6", leadId: "L4", occurredAt: "2025-02-01T00:00:00Z", channel: "webinar" },
    { id: "T7", leadId: "L2", occurredAt: "2025-01-08T00:00:00Z", channel: "unknown" },
    { id: "T8", leadId: "L3", occurredAt: "2025-02-20T00:00:00Z", channel: "partner" },
  ],
  assets: [{ id: "AS1", publishedAt: "2024-12-01T00:00:00Z" }],
  usages: [{ id: "U1", assetId: "AS1", occurredAt: "2025-02-01T00:00:00Z", action: "sent", dealId: "D2" }],
};
