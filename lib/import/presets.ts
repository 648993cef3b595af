import type { PresetName } from "./types";
import { normaliseEnum } from "./values";

/**
 * Column-mapping presets (docs/import-format.md, "Presets"): for the exports customers
 * actually have, a table per contract file of header renames (export header → contract column)
 * and value maps (export value → contract value). After the preset, every rule of the contract
 * applies unchanged; canonical headers and values keep working alongside the preset's.
 *
 * Headers are matched like canonical ones (trimmed, case-insensitive, runs of spaces as one);
 * values are matched after enum normalisation (case-insensitive, spaces/hyphens as `_`), so
 * both HubSpot's internal values (`PAID_SEARCH`, `closedwon`) and their labels ("Paid Search",
 * "Closed Won") are covered by one entry. A value the map does not know passes through and is
 * then checked as usual (so an unmapped source is reported as an unknown enum value).
 */
export interface FilePreset {
  columns: Record<string, string>;
  values?: Record<string, Record<string, string>>;
}
export type Preset = Record<string, FilePreset>;

export const HUBSPOT_SOURCES: Record<string, string> = {
  organic_search: "organic_search",
  paid_search: "paid_search",
  social_media: "organic_social",
  organic_social: "organic_social",
  paid_social: "paid_social",
  email_marketing: "email",
  referrals: "referral",
  ai_referrals: "referral",
  direct_traffic: "direct",
  offline: "events",
  offline_sources: "events",
  // Tracked campaigns of no other category: marketing-sourced; "content" is the closest channel.
  other_campaigns: "content",
};

export const HUBSPOT_STAGES: Record<string, string> = {
  appointmentscheduled: "qualification",
  appointment_scheduled: "qualification",
  qualifiedtobuy: "discovery",
  qualified_to_buy: "discovery",
  presentationscheduled: "proposal",
  presentation_scheduled: "proposal",
  decisionmakerboughtin: "negotiation",
  decision_maker_bought_in: "negotiation",
  contractsent: "negotiation",
  contract_sent: "negotiation",
  closedwon: "closed_won",
  closedlost: "closed_lost",
};

export const SALESFORCE_LEAD_SOURCES: Record<string, string> = {
  web: "direct",
  phone_inquiry: "direct",
  partner_referral: "partner",
  partner: "partner",
  purchased_list: "outbound",
  cold_call: "outbound",
  employee_referral: "referral",
  external_referral: "referral",
  word_of_mouth: "referral",
  advertisement: "paid_search",
  seminar_internal: "events",
  seminar_partner: "events",
  trade_show: "events",
  conference: "events",
  webinar: "webinar",
  public_relations: "content",
};

export const SALESFORCE_STAGES: Record<string, string> = {
  prospecting: "qualification",
  qualification: "qualification",
  needs_analysis: "discovery",
  value_proposition: "discovery",
  "id._decision_makers": "discovery",
  perception_analysis: "discovery",
  "proposal/price_quote": "proposal",
  "negotiation/review": "negotiation",
  closed_won: "closed_won",
  closed_lost: "closed_lost",
};

export const SALESFORCE_CAMPAIGN_TYPES: Record<string, string> = {
  webinar: "webinar",
  email: "email",
  conference: "events",
  trade_show: "events",
  seminar: "events",
  advertisement: "paid_search",
  banner_ads: "paid_social",
  public_relations: "content",
  partners: "partner",
  referral_program: "referral",
  telemarketing: "outbound",
  direct_mail: "outbound",
};

export const PRESETS: Record<PresetName, Preset> = {
  hubspot: {
    "leads.csv": {
      columns: {
        "Record ID": "lead_id",
        "Contact ID": "lead_id",
        Email: "email",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Associated Company ID": "account_id",
        "Associated Company IDs": "account_id",
        "Create Date": "created_at",
        "Original Source": "source_channel",
        "Contact owner email": "owner_email",
        "Became a Marketing Qualified Lead Date": "mql_at",
        "Became a Sales Qualified Lead Date": "sql_at",
        "Became a Customer Date": "customer_at",
      },
      values: { source_channel: HUBSPOT_SOURCES },
    },
    "deals.csv": {
      columns: {
        "Record ID": "deal_id",
        "Deal ID": "deal_id",
        "Deal Name": "name",
        "Associated Company ID": "account_id",
        "Associated Company IDs": "account_id",
        "Associated Contact ID": "primary_lead_id",
        "Associated Contact IDs": "primary_lead_id",
        "Deal owner email": "owner_email",
        Amount: "amount",
        Currency: "currency",
        "Deal Currency Code": "currency",
        "Create Date": "created_at",
        "Deal Stage": "stage",
        "Close Date": "closed_at",
        "Closed Lost Reason": "lost_reason",
      },
      values: { stage: HUBSPOT_STAGES },
    },
    "accounts.csv": {
      columns: {
        "Record ID": "account_id",
        "Company ID": "account_id",
        "Company name": "name",
        Industry: "industry",
        "Country/Region": "region",
        "Became a Customer Date": "customer_since",
      },
    },
  },
  salesforce: {
    "leads.csv": {
      columns: {
        "Lead ID": "lead_id",
        Email: "email",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Account ID": "account_id",
        "Create Date": "created_at",
        "Created Date": "created_at",
        "Lead Source": "source_channel",
        "Campaign ID": "campaign_id",
        "Lead Owner Email": "owner_email",
        "Owner Email": "owner_email",
      },
      values: { source_channel: SALESFORCE_LEAD_SOURCES },
    },
    "deals.csv": {
      columns: {
        "Opportunity ID": "deal_id",
        "Opportunity Name": "name",
        "Account ID": "account_id",
        "Primary Contact ID": "primary_lead_id",
        "Contact ID": "primary_lead_id",
        "Opportunity Owner Email": "owner_email",
        "Owner Email": "owner_email",
        Amount: "amount",
        "Opportunity Currency": "currency",
        Currency: "currency",
        "Created Date": "created_at",
        Stage: "stage",
        "Close Date": "closed_at",
        "Loss Reason": "lost_reason",
      },
      values: { stage: SALESFORCE_STAGES },
    },
    "accounts.csv": {
      columns: {
        "Account ID": "account_id",
        "Account Name": "name",
        Industry: "industry",
        "Billing Country": "region",
      },
    },
    "campaigns.csv": {
      columns: {
        "Campaign ID": "campaign_id",
        "Campaign Name": "name",
        Type: "channel",
        "Start Date": "started_on",
        "End Date": "ended_on",
        "Actual Cost": "cost",
      },
      values: { channel: SALESFORCE_CAMPAIGN_TYPES },
    },
  },
};

/** How a header is matched: trimmed, lower case, runs of whitespace as one space. */
export function normaliseHeader(h: string): string {
  return h.trim().toLowerCase().replace(/\s+/g, " ");
}

export interface ResolvedFilePreset {
  /** normalised export header → contract column */
  columns: Map<string, string>;
  /** contract column → (normalised export value → contract value) */
  values: Map<string, Map<string, string>>;
}

/** The preset's table for one file, with its keys normalised for lookup. */
export function resolvePreset(name: PresetName | undefined, file: string): ResolvedFilePreset | null {
  if (!name) return null;
  const preset = PRESETS[name];
  if (!preset) throw new Error(`unknown preset "${name}" (known: ${Object.keys(PRESETS).join(", ")})`);
  const fp = preset[file];
  if (!fp) return null;
  const columns = new Map(Object.entries(fp.columns).map(([k, v]) => [normaliseHeader(k), v]));
  const values = new Map(
    Object.entries(fp.values ?? {}).map(([col, map]) => [
      col,
      new Map(Object.entries(map).map(([k, v]) => [normaliseEnum(k), v])),
    ]),
  );
  return { columns, values };
}

export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
