import { CHANNELS, CLOSED_STAGES, OPEN_STAGES } from "@/lib/enums";
import { parseExportDate, parseExportTimestamp } from "@/lib/time";
import type { CellError, FileSpec } from "../specs";
import { fileSpec } from "../specs";
import { show } from "../values";
import { BUILTIN_VALUES, normKey, valueKey, type BuiltinMapping } from "./builtin";
import type { AnalysedColumn, DateOrder, MappingDefinition, ValueKind } from "./contract";
import { parseExportBoolean, parseExportNumber } from "./values";

/**
 * One customer file → canonical records (data-contract.md §1, last paragraph; docs/crm-import.md).
 * The transform renames columns, reads the export's own date, number and boolean formats, maps
 * stages, sources and owners, and applies what real exports need and the canonical form does not
 * allow (an open deal's close date → expected_close_on; close before create → a warning and the
 * created time moved to the close; no amount → 0; another currency → converted or rejected; a
 * `;` list of contacts → primary lead plus deal contacts; a converted Salesforce contact → its
 * lead). The canonical rules (validate.ts) then apply to its output. Errors and warnings name
 * canonical columns here; the engine and the report show the customer's column instead.
 */

/** Shared by the files of one upload, in import order (users first, so owners resolve). */
export interface MapContext {
  zone: string;
  currency: string;
  dateOrder: DateOrder;
  /** Reporting-currency units per unit of a currency (currency_rates). */
  rates: Map<string, number>;
  definition: MappingDefinition;
  /** normKey(owner name, user id or e-mail) → team member e-mail. */
  owners: Map<string, string>;
  /** Salesforce contact id → the lead it was converted from. */
  aliases: Map<string, string>;
  /** Aliases learnt in this upload (saved after the import). */
  newAliases: Map<string, string>;
  /** Campaign id → channel (campaign members take their campaign's channel). */
  campaignChannels: Map<string, string>;
  /** Extra deal contacts from `;` lists, per deals file. */
  extras: Map<string, { dealId: string; leadId: string; line: number }[]>;
  warn(file: string, column: string, reason: string, line: number): void;
  /** Analysis only: a value no mapping knows. */
  unknown?(kind: ValueKind, column: string, value: string, suggestion: string | null): void;
}

export type RowOutcome = { ok: true; fields: string[] } | { ok: false; errors: CellError[]; id: string | null } | null;

export interface FileTransform {
  spec: FileSpec;
  /** Canonical columns produced, in record order (the header handed to the engine). */
  header: string[];
  /** Canonical column → the customer's header it comes from (or the header to add, when absent). */
  label(column: string): string;
  columns: AnalysedColumn[];
  /** Required canonical columns the file cannot fill, named as the customer would find them. */
  missing: string[];
  row(fields: readonly string[], line: number): RowOutcome;
}

const OWNER_COLUMNS: Record<string, string> = { "leads.csv": "owner_email", "deals.csv": "owner_email" };

/** Stage a label suggests (`Closed: won` → closed_won); null when nothing fits. */
export function suggestStage(raw: string): string | null {
  const v = raw.toLowerCase();
  if (/\bwon\b|closedwon|closed_won|gewonnen|ganad/.test(v)) return "closed_won";
  if (/\blost\b|closedlost|closed_lost|verloren|perdid/.test(v)) return "closed_lost";
  if (/negotiat|contract|review/.test(v)) return "negotiation";
  if (/proposal|quote|presentation/.test(v)) return "proposal";
  if (/discover|demo|needs|analysis|qualified/.test(v)) return "discovery";
  if (/qualif|prospect|appointment|new|lead/.test(v)) return "qualification";
  return null;
}

const CHANNEL_SET = new Set<string>(CHANNELS);
const STAGE_SET = new Set<string>([...OPEN_STAGES, ...CLOSED_STAGES]);
const CLOSED_SET = new Set<string>(CLOSED_STAGES);

/** Builds the transform of one file detected as `builtin`, with the user's column overrides. */
export function makeTransform(file: string, header: readonly string[], builtin: BuiltinMapping, ctx: MapContext): FileTransform {
  const spec = fileSpec(builtin.target);
  const overrides = ctx.definition.columns[builtin.object] ?? {};
  const builtinCols = new Map(Object.entries(builtin.columns).map(([h, t]) => [normKey(h), t]));
  const firstHeaderFor = new Map<string, string>();
  for (const [h, t] of Object.entries(builtin.columns)) if (!firstHeaderFor.has(t)) firstHeaderFor.set(t, h);

  // target → indexes of the cells that fill it (duplicated headers: the first non-empty wins)
  const sources = new Map<string, number[]>();
  const labels = new Map<string, string>();
  const columns: AnalysedColumn[] = [];
  const specNames = new Set(spec.columns.map((c) => c.name));
  header.forEach((raw, i) => {
    const key = normKey(raw);
    const target = key in overrides ? overrides[key]! : (builtinCols.get(key) ?? (specNames.has(key) ? key : null));
    const t = target === "" ? null : target;
    columns.push({ header: raw, canonical: t });
    if (!t) return;
    sources.set(t, [...(sources.get(t) ?? []), i]);
    if (!labels.has(t)) labels.set(t, raw.trim());
  });
  const has = (t: string) => sources.has(t);
  const idx = (t: string) => sources.get(t) ?? [];
  const get = (fields: readonly string[], t: string): string => {
    for (const i of idx(t)) {
      const v = fields[i];
      if (v !== undefined && v.trim() !== "") return v.trim();
    }
    return "";
  };

  // Derived canonical columns and their labels.
  const target = builtin.target;
  const derived = new Set<string>();
  const derive = (column: string, from: string) => {
    derived.add(column);
    if (!labels.has(column) && labels.has(from)) labels.set(column, labels.get(from)!);
  };
  if (has("@close_date")) {
    derive("closed_at", "@close_date");
    derive("expected_close_on", "@close_date");
  }
  if (has("@contact_ids")) derive("primary_lead_id", "@contact_ids");
  if (has("@owner") && OWNER_COLUMNS[target]) derive(OWNER_COLUMNS[target], "@owner");
  if (target === "leads.csv") derive("source_channel", "source_channel");
  if (target === "deals.csv") derive("amount", "amount");
  if (target === "campaigns.csv") derive("channel", "channel");
  if (target === "team_members.csv") {
    derive("name", has("@first_name") ? "@first_name" : "@last_name");
    derive("team", "@department");
  }
  if (target === "touchpoints.csv") {
    derive("lead_id", has("@member_lead") ? "@member_lead" : "@member_contact");
    derive("channel", "campaign_id");
    if (has("@responded_at")) derive("occurred_at", "@responded_at");
  }
  const header2 = spec.columns.map((c) => c.name).filter((c) => has(c) || derived.has(c));
  const label = (c: string) => labels.get(c) ?? firstHeaderFor.get(c) ?? c;
  const missing = spec.columns.filter((c) => c.required && !header2.includes(c.name)).map((c) => label(c.name));

  const vals = ctx.definition.values;
  const crmValues = builtin.crm === "hubspot" || builtin.crm === "salesforce" ? BUILTIN_VALUES[builtin.crm] : null;
  const userMap = (kind: ValueKind, raw: string): string | undefined => vals[kind]?.[normKey(raw)];
  const dateOrder = ctx.dateOrder;
  const kinds = new Map(spec.columns.map((c) => [c.name, c.type.kind]));
  const keyColumn = spec.key[0]!;

  const stageOf = (raw: string, won: boolean | null, closed: boolean | null): string | null => {
    const mapped = raw === "" ? undefined : (userMap("stage", raw) ?? crmValues?.stage[valueKey(raw)] ?? (STAGE_SET.has(valueKey(raw)) ? valueKey(raw) : undefined));
    if (mapped === undefined && raw !== "") ctx.unknown?.("stage", label("stage"), raw, suggestStage(raw));
    if (won === true) return "closed_won";
    if (closed === true) return "closed_lost";
    const guess = mapped ?? suggestStage(raw);
    if (closed === false || won === false) {
      if (closed === false) return guess && !CLOSED_SET.has(guess) ? guess : "qualification";
      return guess ?? null;
    }
    return guess;
  };
  const sourceOf = (raw: string, column: string): string => {
    if (raw === "") return "unknown";
    const mapped = userMap("source", raw) ?? crmValues?.source[valueKey(raw)] ?? (CHANNEL_SET.has(valueKey(raw)) ? valueKey(raw) : undefined);
    if (mapped !== undefined) return mapped;
    ctx.unknown?.("source", label(column), raw, "unknown");
    return "unknown";
  };
  const ownerOf = (raw: string, column: string, line: number): string | null => {
    if (raw === "") return null;
    const mapped = userMap("owner", raw) ?? ctx.owners.get(normKey(raw));
    if (mapped) return mapped;
    if (raw.includes("@")) return raw.toLowerCase();
    ctx.unknown?.("owner", label(column), raw, null);
    ctx.warn(file, label(column), `owner not found among the team members (map it to an e-mail); imported without an owner`, line);
    return null;
  };
  const lead = (id: string) => ctx.aliases.get(id) ?? id;

  const extras = target === "deals.csv" && has("@contact_ids") ? (ctx.extras.get(file) ?? []) : null;
  if (extras) ctx.extras.set(file, extras);

  const row = (fields: readonly string[], line: number): RowOutcome => {
    const errors: CellError[] = [];
    const out: Record<string, string> = {};
    const parseCell = (column: string, raw: string): string => {
      if (raw === "") return "";
      switch (kinds.get(column)) {
        case "timestamp": {
          const r = parseExportTimestamp(raw, ctx.zone, dateOrder);
          if (r.ok) return r.value;
          errors.push({ column, reason: `not a date and time (${ORDER_EXAMPLE[dateOrder]}, ISO 8601 or Unix milliseconds): ${show(raw)}` });
          return "";
        }
        case "date": {
          const r = parseExportDate(raw, dateOrder);
          if (r) return r;
          errors.push({ column, reason: `not a date (${ORDER_DATE_EXAMPLE[dateOrder]}): ${show(raw)}` });
          return "";
        }
        case "amount": {
          const r = parseExportNumber(raw, dateOrder);
          if (r !== null) return r;
          errors.push({ column, reason: `not a number: ${show(raw)}` });
          return "";
        }
        default:
          return raw;
      }
    };
    for (const c of header2) {
      if (derived.has(c) && !has(c)) continue;
      out[c] = parseCell(c, get(fields, c));
    }

    switch (target) {
      case "team_members.csv": {
        const email = (out.email ?? "").toLowerCase();
        const name = get(fields, "name") || [get(fields, "@first_name"), get(fields, "@last_name")].filter(Boolean).join(" ") || email.split("@")[0] || "";
        out.name = name;
        out.team = /market/i.test(get(fields, "@department")) ? "marketing" : "sales";
        if (email.includes("@")) {
          const id = get(fields, "@user_id");
          if (id) ctx.owners.set(normKey(id), email);
          if (name) ctx.owners.set(normKey(name), email);
          ctx.owners.set(email, email);
        }
        break;
      }
      case "campaigns.csv": {
        out.channel = sourceOf(get(fields, "channel"), "channel");
        if (out.campaign_id) ctx.campaignChannels.set(out.campaign_id, out.channel);
        break;
      }
      case "leads.csv": {
        const id = out.lead_id ?? "";
        if (!has("@converted_contact") && ctx.aliases.has(id)) {
          ctx.warn(file, label("lead_id"), "contact converted from a lead in this upload: the lead's row is kept", line);
          return null;
        }
        const converted = get(fields, "@converted_contact");
        if (converted && id) {
          ctx.aliases.set(converted, id);
          ctx.newAliases.set(converted, id);
        }
        out.source_channel = sourceOf(get(fields, "source_channel"), "source_channel");
        if (has("@owner")) out.owner_email = ownerOf(get(fields, "@owner"), "owner_email", line) ?? "";
        break;
      }
      case "touchpoints.csv": {
        const contact = get(fields, "@member_contact");
        out.lead_id = get(fields, "@member_lead") || (contact ? lead(contact) : "");
        out.channel = ctx.campaignChannels.get(out.campaign_id ?? "") ?? "unknown";
        const responded = get(fields, "@responded_at");
        if (responded) out.occurred_at = parseCell("occurred_at", responded);
        break;
      }
      case "deal_contacts.csv": {
        if (out.lead_id) out.lead_id = lead(out.lead_id);
        break;
      }
      case "deals.csv": {
        const won = parseExportBoolean(get(fields, "@won"));
        const closed = parseExportBoolean(get(fields, "@closed"));
        const rawStage = get(fields, "stage");
        const stage = stageOf(rawStage, won, closed);
        if (stage === null && rawStage !== "") {
          errors.push({ column: "stage", reason: `stage ${show(rawStage)} is not mapped to an open or closed stage` });
        }
        out.stage = stage ?? "";
        if (has("@close_date")) {
          const close = get(fields, "@close_date");
          out.closed_at = "";
          out.expected_close_on = "";
          if (close && CLOSED_SET.has(out.stage)) out.closed_at = parseCell("closed_at", close);
          else if (close) out.expected_close_on = parseCell("expected_close_on", close);
          if (out.closed_at && out.created_at && out.closed_at < out.created_at) {
            ctx.warn(file, label("closed_at"), `close date is before the create date: the deal is counted as created at its close`, line);
            out.created_at = out.closed_at;
          }
        }
        if (!out.amount) {
          if (errors.every((e) => e.column !== "amount")) {
            ctx.warn(file, label("amount"), "no amount: imported as 0", line);
            out.amount = "0";
          }
        }
        const cur = (out.currency ?? "").toUpperCase();
        if (cur && cur !== ctx.currency) {
          const rate = ctx.rates.get(cur);
          if (rate === undefined) {
            errors.push({ column: "currency", reason: `currency ${cur} is not the organisation's ${ctx.currency} and no exchange rate is set for it` });
          } else if (out.amount) {
            out.amount = (Math.round(Number(out.amount) * rate * 100) / 100).toFixed(2);
            ctx.warn(file, label("amount"), `converted from ${cur} at ${rate} ${ctx.currency} per ${cur}`, line);
          }
          out.currency = ctx.currency;
        } else if (cur) out.currency = cur;
        if (has("@contact_ids")) {
          const ids = get(fields, "@contact_ids").split(/[;,]/).map((s) => s.trim()).filter(Boolean).map(lead);
          out.primary_lead_id = ids[0] ?? "";
          if (extras && out.deal_id) for (const l of ids.slice(1)) extras.push({ dealId: out.deal_id, leadId: l, line });
        }
        if (has("@owner")) out.owner_email = ownerOf(get(fields, "@owner"), "owner_email", line) ?? "";
        if (has("account_id") && out.account_id?.includes(";")) out.account_id = out.account_id.split(";")[0]!.trim();
        break;
      }
      case "accounts.csv":
        break;
    }
    if (target === "leads.csv" && out.account_id?.includes(";")) out.account_id = out.account_id.split(";")[0]!.trim();
    if (errors.length > 0) return { ok: false, errors, id: out[keyColumn] || null };
    return { ok: true, fields: header2.map((c) => out[c] ?? "") };
  };

  return { spec, header: header2, label, columns, missing, row };
}

const ORDER_EXAMPLE: Record<DateOrder, string> = {
  mdy: "M/D/YYYY h:mm AM",
  dmy: "D/M/YYYY HH:mm",
  ymd: "YYYY-MM-DD HH:mm",
};
const ORDER_DATE_EXAMPLE: Record<DateOrder, string> = { mdy: "M/D/YYYY", dmy: "D/M/YYYY", ymd: "YYYY-MM-DD" };
