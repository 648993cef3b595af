import { describe, expect, it } from "vitest";
import { KPI_KEYS } from "@/lib/kpi/definitions";
import {
  DRILL_TARGETS,
  RECORD_SET_SPECS,
  escapeLike,
  parseRecordQuery,
  recordQueryToSearchParams,
  visibleColumns,
} from "./records-spec";

const parse = (q: string) => parseRecordQuery(new URLSearchParams(q));

describe("drill-down allow-lists", () => {
  it("every KPI drills down to a record set whose default sort and sum are its own columns", () => {
    for (const key of KPI_KEYS) {
      const r = parse(`kpi=${key}`);
      expect(r.ok, key).toBe(true);
      if (r.ok) {
        expect(r.query.target, key).toEqual(DRILL_TARGETS[key]);
        expect(r.query.sort, key).toBe(RECORD_SET_SPECS[DRILL_TARGETS[key].set].defaultSort.id);
      }
    }
    // Narrowing to the deals a revenue KPI sums only applies to deal sets.
    for (const [key, target] of Object.entries(DRILL_TARGETS)) {
      if (target.variant !== "all") expect(RECORD_SET_SPECS[target.set].family, key).toBe("deals");
    }
    for (const [id, spec] of Object.entries(RECORD_SET_SPECS)) {
      expect(spec.id).toBe(id);
      const ids = spec.columns.map((c) => c.id);
      expect(ids).toContain(spec.key);
      expect(ids).toContain(spec.defaultSort.id);
      if (spec.sum) expect(ids).toContain(spec.sum);
      expect(new Set(ids).size).toBe(ids.length);
      for (const id of ids) expect(id).toMatch(/^[a-z_]+$/);
    }
  });

  it("parses a valid query with defaults", () => {
    const r = parse("kpi=revenue");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query).toMatchObject({ drill: "revenue", sort: "closed_at", dir: "asc", page: 1, size: 25, q: "", hidden: [] });
    expect(r.query.target).toEqual({ set: "won", variant: "all" });
  });

  it("accepts allowed sort, dir, page, size, search and hidden columns", () => {
    const r = parse("kpi=mqls&sort=owner_email&dir=desc&page=3&size=100&q=%20acme%20&hide=email,account&hide=segment");
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.query).toMatchObject({ sort: "owner_email", dir: "desc", page: 3, size: 100, q: "acme", hidden: ["email", "account", "segment"] });
    expect(visibleColumns(r.query).map((c) => c.id)).not.toContain("email");
    expect(recordQueryToSearchParams(r.query).toString()).toBe(
      "kpi=mqls&sort=owner_email&dir=desc&page=3&size=100&q=acme&hide=email%2Caccount%2Csegment",
    );
  });

  it("never hides the key column", () => {
    const r = parse("kpi=revenue&hide=deal_id");
    expect(r.ok && visibleColumns(r.query).map((c) => c.id)).toContain("deal_id");
  });

  it.each([
    ["", "kpi", "required"],
    ["kpi=drop_table", "kpi", "unknown_kpi"],
    ["kpi=revenue&sort=amount;drop table deals", "sort", "unknown_column"],
    ["kpi=revenue&sort=email", "sort", "unknown_column"], // a lead column, not a deal one
    ["kpi=revenue&dir=sideways", "dir", "invalid_dir"],
    ["kpi=revenue&page=0", "page", "invalid_page"],
    ["kpi=revenue&page=-1", "page", "invalid_page"],
    ["kpi=revenue&page=1.5", "page", "invalid_page"],
    ["kpi=revenue&page=99999999", "page", "invalid_page"],
    ["kpi=revenue&size=1000", "size", "invalid_size"],
    ["kpi=revenue&q=" + "x".repeat(201), "q", "too_long"],
    ["kpi=revenue&hide=password_hash", "hide", "unknown_column"],
    ["kpi=revenue&kpi=mqls", "kpi", "repeated"],
  ])("%s → 400-style error at %s", (q, field, code) => {
    const r = parse(q);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.field).toBe(field);
      expect(r.code).toBe(code);
    }
  });

  it("escapes LIKE wildcards", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
  });
});
