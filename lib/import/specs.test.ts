import { describe, expect, it } from "vitest";
import {
  ACTIVITY_TYPES,
  ASSET_TYPES,
  CHANNELS,
  DEAL_STAGES,
  FUNNEL_STAGES,
  SEGMENTS,
  TEAM_MEMBER_ROLES,
  TEAMS,
  USAGE_ACTIONS,
} from "@/lib/enums";
import { CONTRACT_FILES, FILE_SPECS, REF_TABLES, type ColumnSpec } from "./specs";

/**
 * The specs are derived from the Drizzle schema; this pins what they must come to: the files,
 * columns and order of data-contract.md §1. `*` required, `:kind` for a non-text column,
 * `->table` a reference, `=value` the default of an empty cell.
 */
const CONTRACT: Record<string, { key: string[]; columns: string[] }> = {
  "team_members.csv": { key: ["email"], columns: ["email* :email", "name*", "team* :enum", "role :enum=rep"] },
  "campaigns.csv": {
    key: ["campaign_id"],
    columns: ["campaign_id*", "name*", "channel* :enum", "started_on :date", "ended_on :date", "cost :amount"],
  },
  "accounts.csv": {
    key: ["account_id"],
    columns: ["account_id*", "name*", "industry", "segment :enum", "region", "customer_since :date", "churned_on :date"],
  },
  "leads.csv": {
    key: ["lead_id"],
    columns: [
      "lead_id*",
      "email* :email",
      "first_name",
      "last_name",
      "account_id ->accounts",
      "created_at* :timestamp",
      "source_channel* :enum",
      "campaign_id ->campaigns",
      "owner_email ->team_members",
      "mql_at :timestamp",
      "sql_at :timestamp",
      "rejected_at :timestamp",
      "rejection_reason",
      "customer_at :timestamp",
    ],
  },
  "touchpoints.csv": {
    key: ["touchpoint_id"],
    columns: ["touchpoint_id*", "lead_id* ->leads", "occurred_at* :timestamp", "channel* :enum", "campaign_id ->campaigns", "type"],
  },
  "deals.csv": {
    key: ["deal_id"],
    columns: [
      "deal_id*",
      "name*",
      "account_id ->accounts",
      "primary_lead_id ->leads",
      "owner_email ->team_members",
      "amount* :amount",
      "currency :currency",
      "created_at* :timestamp",
      "stage* :enum",
      "closed_at :timestamp",
      "expected_close_on :date",
      "lost_reason",
    ],
  },
  "deal_contacts.csv": { key: ["deal_id", "lead_id"], columns: ["deal_id* ->deals", "lead_id* ->leads"] },
  "sales_activities.csv": {
    key: ["activity_id"],
    columns: ["activity_id*", "lead_id* ->leads", "occurred_at* :timestamp", "type* :enum", "rep_email ->team_members"],
  },
  "content_assets.csv": {
    key: ["asset_id"],
    columns: [
      "asset_id*",
      "title*",
      "type* :enum",
      "funnel_stage :enum",
      "owner_email ->team_members",
      "published_at* :timestamp",
      "archived_at :timestamp",
      "url",
    ],
  },
  "content_usage.csv": {
    key: ["usage_id"],
    columns: [
      "usage_id*",
      "asset_id* ->content_assets",
      "occurred_at* :timestamp",
      "action* :enum",
      "user_email ->team_members",
      "deal_id ->deals",
      "lead_id ->leads",
    ],
  },
};

const ENUMS: Record<string, readonly string[]> = {
  "team_members.csv:team": TEAMS,
  "team_members.csv:role": TEAM_MEMBER_ROLES,
  "campaigns.csv:channel": CHANNELS,
  "accounts.csv:segment": SEGMENTS,
  "leads.csv:source_channel": CHANNELS,
  "touchpoints.csv:channel": CHANNELS,
  "deals.csv:stage": DEAL_STAGES,
  "sales_activities.csv:type": ACTIVITY_TYPES,
  "content_assets.csv:type": ASSET_TYPES,
  "content_assets.csv:funnel_stage": FUNNEL_STAGES,
  "content_usage.csv:action": USAGE_ACTIONS,
};

function describeColumn(c: ColumnSpec): string {
  let out = c.name + (c.required ? "*" : "");
  if (c.ref) out += ` ->${c.ref}`;
  else if (c.type.kind !== "text") out += ` :${c.type.kind}`;
  if (c.defaultValue !== undefined) out += `=${c.defaultValue}`;
  return out;
}

describe("import specs (derived from the schema)", () => {
  it("come to the data contract's files, keys and columns, in order", () => {
    expect(CONTRACT_FILES).toEqual(Object.keys(CONTRACT));
    const derived = Object.fromEntries(
      FILE_SPECS.map((s) => [s.file, { key: [...s.key], columns: s.columns.map(describeColumn) }]),
    );
    expect(derived).toEqual(CONTRACT);
  });

  it("take enum values from the same tuples as the database enums", () => {
    for (const spec of FILE_SPECS) {
      for (const c of spec.columns) {
        if (c.type.kind === "enum") expect(c.type.values, `${spec.file}:${c.name}`).toEqual(ENUMS[`${spec.file}:${c.name}`]);
      }
    }
    const enumColumns = FILE_SPECS.flatMap((s) => s.columns.filter((c) => c.type.kind === "enum").map((c) => `${s.file}:${c.name}`));
    expect(enumColumns.sort()).toEqual(Object.keys(ENUMS).sort());
  });

  it("write each table's columns as their PostgreSQL types, and refer to the tables' keys", () => {
    const types = new Set(FILE_SPECS.flatMap((s) => s.columns.map((c) => c.pgType)));
    expect([...types].sort()).toEqual(
      [
        "activity_type",
        "asset_type",
        "channel",
        "date",
        "deal_stage",
        "funnel_stage",
        "numeric",
        "segment",
        "team",
        "team_member_role",
        "text",
        "timestamp with time zone",
        "usage_action",
      ].sort(),
    );
    for (const [table, ref] of Object.entries(REF_TABLES)) {
      const spec = FILE_SPECS.find((s) => s.table === table);
      expect(spec?.file).toBe(ref.file);
      expect(spec?.key).toEqual([ref.key]);
    }
  });
});
