import { HUBSPOT_SOURCES, HUBSPOT_STAGES, normaliseHeader, SALESFORCE_CAMPAIGN_TYPES, SALESFORCE_LEAD_SOURCES, SALESFORCE_STAGES } from "../presets";
import { normaliseEnum } from "../values";
import type { Crm, ExportObject } from "./contract";

/**
 * The built-in mappings of real CRM exports (docs/crm-import.md): for each CRM object, the headers
 * its exports write (HubSpot's labels, Salesforce report labels, Salesforce Data Loader API names
 * — matched case-insensitively, so the ALL-CAPS headers of older Data Loader versions match too),
 * the canonical column each fills, and what identifies the object in a header.
 *
 * Targets are canonical columns of the contract file, or virtual columns the transform reads:
 * `@close_date` (closed_at of a closed deal, expected_close_on of an open one), `@won` /
 * `@closed` (the CRM's flags), `@contact_ids` (`;`-joined ids: the first is the primary lead,
 * the others deal contacts), `@owner` (a name, id or e-mail resolved to a team member),
 * `@converted_contact` (a Salesforce lead's converted contact id), `@user_id`, `@first_name`,
 * `@last_name`, `@department` (users), `@member_lead`, `@member_contact`, `@responded_at`
 * (campaign members).
 */
export interface BuiltinMapping {
  id: string;
  crm: Exclude<Crm, "canonical">;
  object: ExportObject;
  /** The contract file it becomes. */
  target: string;
  /** export: HubSpot; report: Salesforce report (labels, footers); dataloader: API names. */
  kind: "export" | "report" | "dataloader";
  /** Header as the CRM writes it → canonical or virtual column. */
  columns: Record<string, string>;
  /** Each group: at least one of its headers must be in the file. */
  requires: string[][];
  /** Headers whose presence rules this mapping out. */
  excludes?: string[];
  /** File names this CRM gives the object's exports. */
  fileNames?: RegExp[];
}

const HS_CONTACT_COMPANY = {
  "Associated Company ID": "account_id",
  "Associated Company IDs": "account_id",
  "Associated Company IDs (Primary)": "account_id",
  "Primary Associated Company ID": "account_id",
  "Company ID": "account_id",
};

export const BUILTIN_MAPPINGS: readonly BuiltinMapping[] = [
  // ---- HubSpot (CRM exports, default view and "all properties") ----
  {
    id: "hubspot.users",
    crm: "hubspot",
    object: "users",
    target: "team_members.csv",
    kind: "export",
    columns: { "User ID": "@user_id", Email: "email", "First Name": "@first_name", "Last Name": "@last_name", Teams: "@department", "Primary Team": "@department" },
    requires: [["Email"], ["First Name", "Last Name"], ["User ID", "Teams", "Primary Team", "Permission Set", "Role", "Seat"]],
    excludes: ["Record ID", "Contact ID", "Create Date"],
    fileNames: [/users/i],
  },
  {
    id: "hubspot.contacts",
    crm: "hubspot",
    object: "contacts",
    target: "leads.csv",
    kind: "export",
    columns: {
      "Record ID": "lead_id",
      "Contact ID": "lead_id",
      Email: "email",
      "First Name": "first_name",
      "Last Name": "last_name",
      ...HS_CONTACT_COMPANY,
      "Create Date": "created_at",
      "Original Source": "source_channel",
      "Original Traffic Source": "source_channel",
      "Contact owner": "@owner",
      "Contact owner email": "@owner",
      "HubSpot Owner": "@owner",
      "Became a Marketing Qualified Lead Date": "mql_at",
      "Became a Sales Qualified Lead Date": "sql_at",
      "Became a Customer Date": "customer_at",
    },
    requires: [["Record ID", "Contact ID"], ["Email", "First Name", "Last Name"]],
    excludes: ["Deal Name", "Deal Stage", "Company name"],
    fileNames: [/hubspot-crm-exports-.*contacts/i, /^contacts?\b/i],
  },
  {
    id: "hubspot.companies",
    crm: "hubspot",
    object: "companies",
    target: "accounts.csv",
    kind: "export",
    columns: {
      "Record ID": "account_id",
      "Company ID": "account_id",
      "Company name": "name",
      Name: "name",
      Industry: "industry",
      "Country/Region": "region",
      Country: "region",
      "Became a Customer Date": "customer_since",
    },
    requires: [["Record ID", "Company ID"], ["Company name", "Name"]],
    excludes: ["Deal Name", "Deal Stage", "Email", "Last Name"],
    fileNames: [/hubspot-crm-exports-.*compan/i, /^compan/i],
  },
  {
    id: "hubspot.deals",
    crm: "hubspot",
    object: "deals",
    target: "deals.csv",
    kind: "export",
    columns: {
      "Record ID": "deal_id",
      "Deal ID": "deal_id",
      "Deal Name": "name",
      ...HS_CONTACT_COMPANY,
      "Associated Contact ID": "@contact_ids",
      "Associated Contact IDs": "@contact_ids",
      "Deal owner": "@owner",
      "Deal owner email": "@owner",
      "HubSpot Owner": "@owner",
      Amount: "amount",
      Currency: "currency",
      "Amount Currency": "currency",
      "Deal Currency Code": "currency",
      "Currency Code": "currency",
      "Create Date": "created_at",
      "Deal Stage": "stage",
      "Close Date": "@close_date",
      "Closed Lost Reason": "lost_reason",
      "Is Closed Won": "@won",
      "Is closed won": "@won",
      "Is Deal Closed?": "@closed",
      "Is Closed": "@closed",
    },
    requires: [["Deal Name"], ["Deal Stage"]],
    fileNames: [/hubspot-crm-exports-.*deals/i, /^deals?\b/i],
  },

  // ---- Salesforce Data Loader extracts (API names) ----
  {
    id: "salesforce.dataloader.user",
    crm: "salesforce",
    object: "users",
    target: "team_members.csv",
    kind: "dataloader",
    columns: { Id: "@user_id", Email: "email", Name: "name", FirstName: "@first_name", LastName: "@last_name", Department: "@department" },
    requires: [["Id"], ["Username"], ["Email"]],
    fileNames: [/extract_?user\b/i, /^user\b/i],
  },
  {
    id: "salesforce.dataloader.campaign",
    crm: "salesforce",
    object: "campaigns",
    target: "campaigns.csv",
    kind: "dataloader",
    columns: { Id: "campaign_id", Name: "name", Type: "channel", StartDate: "started_on", EndDate: "ended_on", ActualCost: "cost" },
    requires: [["Id"], ["Name"], ["StartDate", "EndDate", "ActualCost", "BudgetedCost", "NumberOfLeads"]],
    excludes: ["CampaignId", "StageName"],
    fileNames: [/extract_?campaign\b/i, /^campaign\b/i],
  },
  {
    id: "salesforce.dataloader.account",
    crm: "salesforce",
    object: "companies",
    target: "accounts.csv",
    kind: "dataloader",
    columns: { Id: "account_id", Name: "name", Industry: "industry", BillingCountry: "region" },
    requires: [["Id"], ["Name"], ["BillingCountry", "BillingCity", "Industry", "AccountNumber", "NumberOfEmployees", "AnnualRevenue", "Website"]],
    excludes: ["StageName", "LastName", "StartDate", "Username"],
    fileNames: [/extract_?account\b/i, /^account\b/i],
  },
  {
    id: "salesforce.dataloader.lead",
    crm: "salesforce",
    object: "contacts",
    target: "leads.csv",
    kind: "dataloader",
    columns: {
      Id: "lead_id",
      Email: "email",
      FirstName: "first_name",
      LastName: "last_name",
      ConvertedAccountId: "account_id",
      CreatedDate: "created_at",
      LeadSource: "source_channel",
      OwnerId: "@owner",
      ConvertedContactId: "@converted_contact",
    },
    requires: [["Id"], ["LastName", "Email"], ["IsConverted", "ConvertedContactId", "Company", "Status"]],
    excludes: ["AccountId", "Username"],
    fileNames: [/extract_?lead\b/i, /^lead\b/i],
  },
  {
    id: "salesforce.dataloader.contact",
    crm: "salesforce",
    object: "contacts",
    target: "leads.csv",
    kind: "dataloader",
    columns: {
      Id: "lead_id",
      Email: "email",
      FirstName: "first_name",
      LastName: "last_name",
      AccountId: "account_id",
      CreatedDate: "created_at",
      LeadSource: "source_channel",
      OwnerId: "@owner",
    },
    requires: [["Id"], ["LastName", "Email"], ["AccountId"]],
    excludes: ["StageName", "Username", "OpportunityId", "CampaignId"],
    fileNames: [/extract_?contact\b/i, /^contact\b/i],
  },
  {
    id: "salesforce.dataloader.campaignmember",
    crm: "salesforce",
    object: "campaign_members",
    target: "touchpoints.csv",
    kind: "dataloader",
    columns: {
      Id: "touchpoint_id",
      CampaignId: "campaign_id",
      LeadId: "@member_lead",
      ContactId: "@member_contact",
      CreatedDate: "occurred_at",
      FirstRespondedDate: "@responded_at",
      Status: "type",
    },
    requires: [["Id"], ["CampaignId"], ["LeadId", "ContactId"]],
    fileNames: [/extract_?campaignmember/i, /^campaignmember/i],
  },
  {
    id: "salesforce.dataloader.opportunity",
    crm: "salesforce",
    object: "deals",
    target: "deals.csv",
    kind: "dataloader",
    columns: {
      Id: "deal_id",
      Name: "name",
      AccountId: "account_id",
      ContactId: "@contact_ids",
      OwnerId: "@owner",
      Amount: "amount",
      CurrencyIsoCode: "currency",
      CreatedDate: "created_at",
      StageName: "stage",
      CloseDate: "@close_date",
      IsWon: "@won",
      IsClosed: "@closed",
    },
    requires: [["Id"], ["StageName"]],
    fileNames: [/extract_?opportunity\b/i, /^opportunity\b/i],
  },
  {
    id: "salesforce.dataloader.opportunitycontactrole",
    crm: "salesforce",
    object: "deal_contacts",
    target: "deal_contacts.csv",
    kind: "dataloader",
    columns: { OpportunityId: "deal_id", ContactId: "lead_id" },
    requires: [["OpportunityId"], ["ContactId"]],
    fileNames: [/opportunitycontactrole/i],
  },

  // ---- Salesforce report exports (labels) ----
  {
    id: "salesforce.report.opportunities",
    crm: "salesforce",
    object: "deals",
    target: "deals.csv",
    kind: "report",
    columns: {
      "Opportunity ID": "deal_id",
      "Opportunity Name": "name",
      "Account ID": "account_id",
      "Contact ID": "@contact_ids",
      "Primary Contact ID": "@contact_ids",
      "Opportunity Owner": "@owner",
      "Owner Email": "@owner",
      Amount: "amount",
      "Opportunity Currency": "currency",
      "Amount Currency": "currency",
      "Created Date": "created_at",
      "Create Date": "created_at",
      Stage: "stage",
      "Close Date": "@close_date",
      Won: "@won",
      Closed: "@closed",
      "Loss Reason": "lost_reason",
    },
    requires: [["Opportunity Name", "Opportunity ID"], ["Stage"]],
  },
  {
    id: "salesforce.report.leads",
    crm: "salesforce",
    object: "contacts",
    target: "leads.csv",
    kind: "report",
    columns: {
      "Lead ID": "lead_id",
      Email: "email",
      "First Name": "first_name",
      "Last Name": "last_name",
      "Converted Account ID": "account_id",
      "Create Date": "created_at",
      "Created Date": "created_at",
      "Lead Source": "source_channel",
      "Lead Owner": "@owner",
      "Converted Contact ID": "@converted_contact",
    },
    requires: [["Lead ID", "Lead Owner"], ["Email", "Last Name"]],
    excludes: ["Opportunity Name", "Contact ID"],
  },
  {
    id: "salesforce.report.contacts",
    crm: "salesforce",
    object: "contacts",
    target: "leads.csv",
    kind: "report",
    columns: {
      "Contact ID": "lead_id",
      Email: "email",
      "First Name": "first_name",
      "Last Name": "last_name",
      "Account ID": "account_id",
      "Create Date": "created_at",
      "Created Date": "created_at",
      "Lead Source": "source_channel",
      "Contact Owner": "@owner",
    },
    requires: [["Contact ID", "Contact Owner"], ["Email", "Last Name"]],
    excludes: ["Opportunity Name", "Lead ID"],
  },
  {
    id: "salesforce.report.accounts",
    crm: "salesforce",
    object: "companies",
    target: "accounts.csv",
    kind: "report",
    columns: { "Account ID": "account_id", "Account Name": "name", Industry: "industry", "Billing Country": "region" },
    requires: [["Account Name"], ["Account ID", "Account Owner", "Billing Country", "Industry"]],
    excludes: ["Opportunity Name", "Email", "Last Name", "Stage"],
  },
  {
    id: "salesforce.report.campaigns",
    crm: "salesforce",
    object: "campaigns",
    target: "campaigns.csv",
    kind: "report",
    columns: { "Campaign ID": "campaign_id", "Campaign Name": "name", Type: "channel", "Start Date": "started_on", "End Date": "ended_on", "Actual Cost": "cost" },
    requires: [["Campaign Name"], ["Campaign ID", "Start Date", "Actual Cost"]],
    excludes: ["Opportunity Name", "Email"],
  },
];

/** Salesforce report CSV names (`report1719751299999.csv`): the object comes from the header. */
export const SALESFORCE_REPORT_NAME = /^report\d{10,13}\b/i;

/** A header or value key as mappings store it (contract.ts): trimmed, lower case, single spaces. */
export const normKey = normaliseHeader;

const HUBSPOT_SOURCE_VALUES: Record<string, string> = {
  ...HUBSPOT_SOURCES,
  // Offline sources (imports, CRM UI, integrations, sales extension) record no marketing touch.
  offline: "unknown",
  offline_sources: "unknown",
};
const SALESFORCE_SOURCE_VALUES: Record<string, string> = { ...SALESFORCE_LEAD_SOURCES, other: "unknown", ...SALESFORCE_CAMPAIGN_TYPES };

/** Built-in value maps per CRM (keys: normaliseEnum form). */
export const BUILTIN_VALUES: Record<Exclude<Crm, "canonical">, { stage: Record<string, string>; source: Record<string, string> }> = {
  hubspot: { stage: HUBSPOT_STAGES, source: HUBSPOT_SOURCE_VALUES },
  salesforce: { stage: SALESFORCE_STAGES, source: SALESFORCE_SOURCE_VALUES },
};

/** The key a value is looked up by in a value map. */
export const valueKey = normaliseEnum;
