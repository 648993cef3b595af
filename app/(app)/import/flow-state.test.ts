import { describe, expect, it } from "vitest";
import type { Analysis, MappingDefinition } from "@/lib/import/mapping/contract";
import {
  INITIAL_FLOW,
  canOpen,
  chosenValue,
  flowReducer,
  furthestStep,
  mappingKey,
  nextStep,
  previousStep,
  unmappedValues,
  valueRows,
  type FlowState,
  type RunReport,
} from "./flow-state";

const mapping: MappingDefinition = {
  crm: "hubspot",
  dateOrder: "mdy",
  columns: { deals: { "close date": "closed_at" } },
  values: { stage: { appointmentscheduled: "discovery" } },
};

/** A HubSpot deals export with one unknown stage ("Contract sent", nothing proposed) and one the built-in mapping knows. */
const analysis: Analysis = {
  files: [
    {
      name: "hubspot-crm-exports-all-deals-2024-06-30.csv",
      crm: "hubspot",
      object: "deals",
      target: "deals.csv",
      columns: [
        { header: "Deal Name", canonical: "name" },
        { header: "Close Date", canonical: "closed_at" },
        { header: "Deal Stage", canonical: "stage" },
      ],
      missing: [],
      preview: [{ row: 2, values: { name: "Acme renewal", closed_at: "2024-03-05", stage: "discovery" } }],
      rows: 3,
    },
  ],
  unknownValues: [
    { kind: "stage", column: "Deal Stage", value: "Contract  Sent", rows: 2, suggestion: null },
    { kind: "stage", column: "Deal Stage", value: "appointmentscheduled", rows: 1, suggestion: "discovery" },
  ],
  mapping,
};

const report: RunReport = { files: [], errors: [], ok: true, errorGroups: [], warnings: [] };
const analysed = (s: FlowState = INITIAL_FLOW) => flowReducer(s, { type: "analysed", uploadId: "u1", analysis });

describe("guided import steps", () => {
  it("starts at the files; only the files step can be opened", () => {
    expect(INITIAL_FLOW.step).toBe("files");
    expect(furthestStep(INITIAL_FLOW)).toBe("files");
    expect(canOpen(INITIAL_FLOW, "columns")).toBe(false);
  });

  it("after the analysis shows the columns, and stops at the values while one has no mapping", () => {
    const s = analysed();
    expect(s.step).toBe("columns");
    expect(s.mapping).toEqual(mapping);
    expect(unmappedValues(s).map((u) => u.value)).toEqual(["Contract  Sent"]);
    expect(furthestStep(s)).toBe("values");
    expect(canOpen(s, "preview")).toBe(true);
    expect(canOpen(s, "dryRun")).toBe(false);
    expect(flowReducer(s, { type: "goTo", step: "dryRun" })).toBe(s);
  });

  it("a value mapped by the user (keyed as the mapping layer keys it) opens the dry run, not yet the import", () => {
    const s = flowReducer(analysed(), { type: "setValue", kind: "stage", value: "  Contract Sent ", canonical: "proposal" });
    expect(s.mapping?.values.stage).toEqual({ appointmentscheduled: "discovery", "contract sent": "proposal" });
    expect(mapping.values.stage).toEqual({ appointmentscheduled: "discovery" }); // not changed in place
    expect(chosenValue(s.mapping, analysis.unknownValues[0]!)).toBe("proposal");
    expect(furthestStep(s)).toBe("dryRun");
    expect(canOpen(s, "import")).toBe(false);
    expect(flowReducer(s, { type: "importStarted" })).toBe(s);
  });

  it("a dry run opens the import; changing a column or the date order afterwards asks for a new dry run", () => {
    const mapped = flowReducer(analysed(), { type: "setValue", kind: "stage", value: "Contract Sent", canonical: "proposal" });
    const dry = flowReducer(mapped, { type: "dryRunDone", report });
    expect(dry.step).toBe("dryRun");
    expect(furthestStep(dry)).toBe("import");
    const column = flowReducer(dry, { type: "setColumn", object: "deals", header: "Close Date", canonical: "" });
    expect(column.mapping?.columns.deals).toEqual({ "close date": "" });
    expect(column.dryRun).toBeNull();
    expect(flowReducer(dry, { type: "setDateOrder", dateOrder: "dmy" }).dryRun).toBeNull();
    const importing = flowReducer(dry, { type: "importStarted" });
    expect(importing.step).toBe("import");
    const done = flowReducer(importing, { type: "importDone", report });
    expect(done.step).toBe("summary");
    expect(canOpen(done, "dryRun")).toBe(false);
    expect(flowReducer(done, { type: "reset" })).toEqual(INITIAL_FLOW);
  });

  it("a file set with nothing recognised cannot go past the columns step", () => {
    const none: Analysis = { ...analysis, files: [{ ...analysis.files[0]!, object: null, target: null, reason: "header not recognised" }], unknownValues: [] };
    const s = flowReducer(INITIAL_FLOW, { type: "analysed", uploadId: "u1", analysis: none });
    expect(furthestStep(s)).toBe("columns");
    expect(canOpen(s, "preview")).toBe(false);
    // The data contract's own deals.csv has no CRM object but is recognised: it goes on.
    const canonical: Analysis = { ...none, files: [{ ...none.files[0]!, name: "deals.csv", crm: "canonical", target: "deals.csv" }] };
    const c = flowReducer(INITIAL_FLOW, { type: "analysed", uploadId: "u1", analysis: canonical });
    expect(furthestStep(c)).toBe("dryRun");
  });

  it("next and previous steps, and the mapping key", () => {
    expect(nextStep("files")).toBe("columns");
    expect(nextStep("summary")).toBeNull();
    expect(previousStep("files")).toBeNull();
    expect(previousStep("dryRun")).toBe("values");
    expect(mappingKey("  Close   Date ")).toBe("close date");
  });

  it("the same owner in two columns is one row to map, its rows summed", () => {
    const rows = valueRows([
      { kind: "owner", column: "Contact owner", value: "Demo Sales", rows: 3, suggestion: null },
      { kind: "stage", column: "Deal Stage", value: "Legal Review", rows: 1, suggestion: "negotiation" },
      { kind: "owner", column: "Deal owner", value: "demo  sales", rows: 2, suggestion: "sales@alignboard.example" },
      { kind: "owner", column: "Deal owner", value: "Ana", rows: 9, suggestion: null },
    ]);
    expect(rows).toEqual([
      { kind: "stage", value: "Legal Review", columns: ["Deal Stage"], rows: 1, suggestion: "negotiation" },
      { kind: "owner", value: "Ana", columns: ["Deal owner"], rows: 9, suggestion: null },
      { kind: "owner", value: "Demo Sales", columns: ["Contact owner", "Deal owner"], rows: 5, suggestion: "sales@alignboard.example" },
    ]);
  });
});
