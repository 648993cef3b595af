import { describe, expect, it } from "vitest";
import { ownerTable, ownerTableQuery, type OwnerRow } from "./owners";

const row = (owner_email: string, mqls: number, met: number, breached: number, name: string | null = null): OwnerRow => ({
  owner_email, name, team: owner_email === "" ? null : "sales", mqls, met, breached, pending: mqls - met - breached,
  compliance: met + breached === 0 ? null : met / (met + breached),
});
const ROWS = [row("rita@x.test", 3, 2, 1, "Rita"), row("omar@x.test", 2, 1, 1, "Omar"), row("", 1, 0, 0), row("ana@x.test", 2, 0, 2)];

describe("per-owner table", () => {
  it("defaults to MQLs descending, e-mail as tie-break", () => {
    const q = ownerTableQuery({});
    expect([q.sort, q.dir, q.page, q.size, q.q]).toEqual(["mqls", "desc", 1, 25, ""]);
    expect(ownerTable(ROWS, q).rows.map((r) => r.owner_email)).toEqual(["rita@x.test", "ana@x.test", "omar@x.test", ""]);
  });

  it("sorts compliance with nulls last either way, searches and pages", () => {
    const asc = ownerTable(ROWS, ownerTableQuery({ sort: "compliance", dir: "asc" }));
    expect(asc.rows.map((r) => r.owner_email)).toEqual(["ana@x.test", "omar@x.test", "rita@x.test", ""]);
    const desc = ownerTable(ROWS, ownerTableQuery({ sort: "compliance", dir: "desc" }));
    expect(desc.rows.map((r) => r.owner_email)).toEqual(["rita@x.test", "omar@x.test", "ana@x.test", ""]);
    expect(ownerTable(ROWS, ownerTableQuery({ q: "OMAR" })).rows.map((r) => r.owner_email)).toEqual(["omar@x.test"]);
    const paged = ownerTable(ROWS, { ...ownerTableQuery({}), size: 25, page: 2 });
    expect([paged.rows.length, paged.total]).toEqual([0, 4]);
  });

  it("ignores unknown parameters instead of failing", () => {
    const q = ownerTableQuery({ sort: "drop table", dir: "sideways", page: "-1", size: "7", hide: "owner_email,team,bogus" });
    expect(q).toEqual({ sort: "mqls", dir: "asc", page: 1, size: 25, q: "", hidden: ["team"] });
  });
});
