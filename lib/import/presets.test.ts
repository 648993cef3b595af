import { describe, expect, it } from "vitest";
import { CHANNELS, DEAL_STAGES } from "@/lib/enums";
import { PRESETS, resolvePreset } from "./presets";
import { fileSpec, type RowContext } from "./specs";
import { mapHeader, validateRow } from "./validate";

const UTC: RowContext = { timeZone: "UTC", currency: "USD" };

function run(preset: "hubspot" | "salesforce", file: string, header: string[], row: string[]) {
  const map = mapHeader(fileSpec(file), header, resolvePreset(preset, file));
  return { map, result: validateRow(map, row, UTC) };
}

describe("column-mapping presets", () => {
  it("only rename to contract columns and map to contract values", () => {
    for (const preset of Object.values(PRESETS)) {
      for (const [file, fp] of Object.entries(preset)) {
        const names = fileSpec(file).columns.map((c) => c.name);
        for (const target of Object.values(fp.columns)) expect(names, `${file} ${target}`).toContain(target);
        for (const [col, values] of Object.entries(fp.values ?? {})) {
          const spec = fileSpec(file).columns.find((c) => c.name === col);
          expect(spec?.type.kind).toBe("enum");
          const allowed = col === "stage" ? (DEAL_STAGES as readonly string[]) : (CHANNELS as readonly string[]);
          for (const v of Object.values(values)) expect(allowed, `${file} ${col} ${v}`).toContain(v);
        }
      }
    }
  });

  it("hubspot: a contacts export becomes leads", () => {
    const { map, result } = run(
      "hubspot",
      "leads.csv",
      ["Record ID", "First Name", "Last Name", "Email", "Create Date", "Original Source", "Lifecycle Stage"],
      ["51", "Ana", "Berg", "Ana@Northwind.example", "2025-01-10 16:00", "SOCIAL_MEDIA", "lead"],
    );
    expect(map.unknownColumns).toEqual(["Lifecycle Stage"]);
    expect(result).toEqual({
      ok: true,
      values: expect.objectContaining({
        lead_id: "51",
        email: "ana@northwind.example",
        created_at: "2025-01-10T16:00:00.000000Z",
        source_channel: "organic_social",
      }),
    });
    // labels as well as internal values; canonical values pass through; unknown ones are still errors
    for (const [source, channel] of [
      ["Paid Search", "paid_search"],
      ["OFFLINE", "events"],
      ["Direct Traffic", "direct"],
      ["REFERRALS", "referral"],
      ["EMAIL_MARKETING", "email"],
      ["webinar", "webinar"],
    ] as const) {
      const r = run("hubspot", "leads.csv", ["Record ID", "Email", "Create Date", "Original Source"], ["1", "a@b.example", "2025-01-10T10:00:00Z", source]);
      expect(r.result.ok && r.result.values.source_channel, source).toBe(channel);
    }
    const unknown = run("hubspot", "leads.csv", ["Record ID", "Email", "Create Date", "Original Source"], ["1", "a@b.example", "2025-01-10T10:00:00Z", "CARRIER_PIGEON"]);
    expect(unknown.result.ok ? [] : unknown.result.errors.map((e) => e.column)).toEqual(["source_channel"]);
  });

  it("hubspot: deal stages map to contract stages", () => {
    const header = ["Record ID", "Deal Name", "Associated Contact IDs", "Amount", "Create Date", "Deal Stage", "Close Date"];
    const deal = (stage: string, close: string) =>
      run("hubspot", "deals.csv", header, ["9", "Big deal", "51", "1000", "2025-01-10T10:00:00Z", stage, close]).result;
    const won = deal("closedwon", "2025-02-10T10:00:00Z");
    expect(won.ok && won.values).toMatchObject({ deal_id: "9", primary_lead_id: "51", stage: "closed_won" });
    const lost = deal("Closed Lost", "2025-02-10T10:00:00Z");
    expect(lost.ok && lost.values.stage).toBe("closed_lost");
    const open = deal("appointmentscheduled", "");
    expect(open.ok && open.values.stage).toBe("qualification");
  });

  it("salesforce: leads and opportunities", () => {
    const lead = run(
      "salesforce",
      "leads.csv",
      ["Lead ID", "Email", "Created Date", "Lead Source"],
      ["00Q1", "x@y.example", "2025-01-10T10:00:00Z", "Partner Referral"],
    ).result;
    expect(lead.ok && lead.values).toMatchObject({ lead_id: "00Q1", source_channel: "partner" });
    const opp = run(
      "salesforce",
      "deals.csv",
      ["Opportunity ID", "Opportunity Name", "Primary Contact ID", "Amount", "Created Date", "Stage", "Close Date"],
      ["0061", "Opp", "00Q1", "2500.50", "2025-01-10T10:00:00Z", "Closed Won", "2025-03-01T12:00:00Z"],
    ).result;
    expect(opp.ok && opp.values).toMatchObject({ deal_id: "0061", stage: "closed_won", amount: "2500.50" });
    const proposal = run(
      "salesforce",
      "deals.csv",
      ["Opportunity ID", "Opportunity Name", "Primary Contact ID", "Amount", "Created Date", "Stage"],
      ["0062", "Opp", "00Q1", "10", "2025-01-10T10:00:00Z", "Proposal/Price Quote"],
    ).result;
    expect(proposal.ok && proposal.values.stage).toBe("proposal");
  });

  it("no preset, or a file the preset does not cover, keeps the canonical header", () => {
    expect(resolvePreset(undefined, "leads.csv")).toBeNull();
    expect(resolvePreset("hubspot", "touchpoints.csv")).toBeNull();
    const map = mapHeader(fileSpec("leads.csv"), ["Record ID"], null);
    expect(map.unknownColumns).toEqual(["Record ID"]);
  });
});
