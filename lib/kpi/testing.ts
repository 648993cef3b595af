import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db/client";

/**
 * Test helpers for the KPI engine: insert minimal domain rows directly with SQL (defaults fill
 * every required column that a test does not care about), clear the domain, change settings.
 * Timestamps are ISO strings (`2025-01-10T16:00:00Z`), amounts decimal strings.
 */
type Value = string | number | null | undefined;

export interface AccountRow {
  id: string;
  segment?: string | null;
  customerSince?: string | null;
  churnedOn?: string | null;
}

export interface LeadRow {
  id: string;
  createdAt?: string;
  accountId?: string | null;
  sourceChannel?: string;
  ownerEmail?: string | null;
  mqlAt?: string | null;
  sqlAt?: string | null;
  rejectedAt?: string | null;
}

export interface DealRow {
  id: string;
  /** Null or left out: a deal without a primary lead (data-contract.md §1: it has no known source). */
  primaryLeadId?: string | null;
  amount: string;
  createdAt: string;
  stage: string;
  closedAt?: string | null;
  accountId?: string | null;
  ownerEmail?: string | null;
  /** YYYY-MM-DD: an open deal's expected close date. */
  expectedCloseOn?: string | null;
}

export interface TouchpointRow {
  id: string;
  leadId: string;
  occurredAt: string;
  channel: string;
}

export interface ActivityRow {
  id: string;
  leadId: string;
  occurredAt: string;
  type?: string;
}

export interface AssetRow {
  id: string;
  publishedAt: string;
  archivedAt?: string | null;
}

export interface UsageRow {
  id: string;
  assetId: string;
  occurredAt: string;
  action: string;
  dealId?: string | null;
}

export interface Dataset {
  accounts?: AccountRow[];
  leads?: LeadRow[];
  deals?: DealRow[];
  dealContacts?: { dealId: string; leadId: string }[];
  touchpoints?: TouchpointRow[];
  activities?: ActivityRow[];
  assets?: AssetRow[];
  usages?: UsageRow[];
}

function insert(table: string, columns: string[], rows: Value[][]): SQL | null {
  if (rows.length === 0) return null;
  const values = sql.join(
    rows.map((r) => sql`(${sql.join(r.map((v) => sql`${v ?? null}`), sql`, `)})`),
    sql`, `,
  );
  return sql`insert into ${sql.raw(table)} (${sql.raw(columns.join(", "))}) values ${values}`;
}

/** Inserts the dataset (team members for every owner e-mail are created on the way). */
export async function insertDataset(db: Db, data: Dataset): Promise<void> {
  const owners = new Set<string>();
  for (const l of data.leads ?? []) if (l.ownerEmail) owners.add(l.ownerEmail.toLowerCase());
  for (const d of data.deals ?? []) if (d.ownerEmail) owners.add(d.ownerEmail.toLowerCase());
  const statements = [
    insert(
      "team_members",
      ["email", "name", "team"],
      [...owners].map((e) => [e, e, "sales"]),
    ),
    insert(
      "accounts",
      ["account_id", "name", "segment", "customer_since", "churned_on"],
      (data.accounts ?? []).map((a) => [a.id, a.id, a.segment ?? null, a.customerSince ?? null, a.churnedOn ?? null]),
    ),
    insert(
      "leads",
      ["lead_id", "email", "account_id", "created_at", "source_channel", "owner_email", "mql_at", "sql_at", "rejected_at"],
      (data.leads ?? []).map((l) => [
        l.id,
        `${l.id.toLowerCase()}@example.test`,
        l.accountId ?? null,
        l.createdAt ?? "2024-01-01T00:00:00Z",
        l.sourceChannel ?? "webinar",
        l.ownerEmail?.toLowerCase() ?? null,
        l.mqlAt ?? null,
        l.sqlAt ?? null,
        l.rejectedAt ?? null,
      ]),
    ),
    insert(
      "deals",
      ["deal_id", "name", "account_id", "primary_lead_id", "owner_email", "amount", "created_at", "stage", "closed_at", "expected_close_on"],
      (data.deals ?? []).map((d) => [
        d.id,
        d.id,
        d.accountId ?? null,
        d.primaryLeadId ?? null,
        d.ownerEmail?.toLowerCase() ?? null,
        d.amount,
        d.createdAt,
        d.stage,
        d.closedAt ?? null,
        d.expectedCloseOn ?? null,
      ]),
    ),
    insert(
      "deal_contacts",
      ["deal_id", "lead_id"],
      (data.dealContacts ?? []).map((c) => [c.dealId, c.leadId]),
    ),
    insert(
      "touchpoints",
      ["touchpoint_id", "lead_id", "occurred_at", "channel"],
      (data.touchpoints ?? []).map((t) => [t.id, t.leadId, t.occurredAt, t.channel]),
    ),
    insert(
      "sales_activities",
      ["activity_id", "lead_id", "occurred_at", "type"],
      (data.activities ?? []).map((a) => [a.id, a.leadId, a.occurredAt, a.type ?? "call"]),
    ),
    insert(
      "content_assets",
      ["asset_id", "title", "type", "published_at", "archived_at"],
      (data.assets ?? []).map((a) => [a.id, a.id, "deck", a.publishedAt, a.archivedAt ?? null]),
    ),
    insert(
      "content_usage",
      ["usage_id", "asset_id", "occurred_at", "action", "deal_id"],
      (data.usages ?? []).map((u) => [u.id, u.assetId, u.occurredAt, u.action, u.dealId ?? null]),
    ),
  ];
  for (const s of statements) if (s) await db.execute(s);
}

/** Deletes every domain row (children first). */
export async function clearDomain(db: Db): Promise<void> {
  await db.execute(sql`delete from content_usage`);
  await db.execute(sql`delete from content_assets`);
  await db.execute(sql`delete from sales_activities`);
  await db.execute(sql`delete from touchpoints`);
  await db.execute(sql`delete from deal_contacts`);
  await db.execute(sql`delete from lead_feedback`);
  await db.execute(sql`delete from deals`);
  await db.execute(sql`delete from leads`);
  await db.execute(sql`delete from accounts`);
  await db.execute(sql`delete from campaigns`);
  await db.execute(sql`delete from team_members`);
}

export interface SettingsPatch {
  timeZone?: string;
  slaResponseHours?: string;
  businessHours?: string;
  holidays?: string[];
}

/** Sets organisation settings; fields left out are reset to the defaults. */
export async function setSettings(db: Db, patch: SettingsPatch = {}): Promise<void> {
  const holidays = patch.holidays ?? [];
  await db.execute(sql`
    update organisation_settings
       set time_zone = ${patch.timeZone ?? "UTC"},
           sla_response_hours = ${patch.slaResponseHours ?? "4"}::numeric,
           business_hours = ${patch.businessHours ?? "mon-fri 09:00-17:00"},
           holidays = ${holidays.length === 0 ? sql`'{}'::date[]` : sql`array[${sql.join(
             holidays.map((h) => sql`${h}::date`),
             sql`, `,
           )}]`}
     where id = 1`);
}
