import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { PgDialect } from "drizzle-orm/pg-core";
import type { SQL } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { CLOSED_STAGES, CUSTOMER_FACING_ACTIONS, DEAL_STAGES, MARKETING_CHANNELS, OPEN_STAGES, USAGE_ACTIONS } from "@/lib/enums";
import { col, enumList } from "../sql-fragments";
import type { TimeWindow } from "../windows";
import {
  closedStage,
  customerFacing,
  dealFilters,
  leadFilters,
  marketingSourced,
  openStage,
  wonInWindow,
  wonStage,
} from ".";

const dialect = new PgDialect();
const render = (q: SQL): { sql: string; params: unknown[] } => dialect.sqlToQuery(q);
const squash = (s: string): string => s.replace(/\s+/g, " ").trim();
const NO_FILTERS = { segment: [], ownerEmail: [], sourceChannel: [] };
const WIN: TimeWindow = {
  fromDate: "2025-01-01",
  toDate: "2025-03-31",
  start: "2025-01-01 00:00:00+00",
  end: "2025-04-01 00:00:00+00",
  asOf: "2025-04-15 00:00:00+00",
  asOfDate: "2025-04-15",
};

describe("KPI predicates", () => {
  it("take their stage, channel and action lists from the enums", () => {
    expect(render(wonStage()).sql).toBe("d.stage = 'closed_won'");
    expect(render(openStage("x")).sql).toBe(`x.stage in (${OPEN_STAGES.map((s) => `'${s}'`).join(", ")})`);
    expect(render(closedStage()).sql).toBe(`d.stage in (${CLOSED_STAGES.map((s) => `'${s}'`).join(", ")})`);
    expect(render(customerFacing()).sql).toBe(`u.action in (${CUSTOMER_FACING_ACTIONS.map((s) => `'${s}'`).join(", ")})`);
    expect(squash(render(marketingSourced("c")).sql)).toContain(
      `pl.lead_id = c.primary_lead_id and pl.source_channel in (${MARKETING_CHANNELS.map((s) => `'${s}'`).join(", ")})`,
    );
  });

  it("bind the free-text filter values and the window's bounds as parameters; enum values only as known labels", () => {
    const f = { segment: ["smb"], ownerEmail: ["a@b.test"], sourceChannel: ["x'); drop table deals; --"] };
    const deal = render(dealFilters(f));
    expect(deal.params).toEqual(["a@b.test"]);
    expect(deal.sql).toContain("a.segment in ('smb')");
    expect(deal.sql).not.toContain("drop table");
    expect(render(leadFilters(NO_FILTERS)).sql).toBe("true");
    const won = render(wonInWindow(WIN, NO_FILTERS));
    expect(won.params).toEqual([WIN.start, WIN.end, WIN.asOf, WIN.asOf, WIN.asOf]);
    expect(won.sql.startsWith("(") && won.sql.endsWith(")")).toBe(true);
  });

  it("refuse anything but plain identifiers and enum labels", () => {
    expect(() => col("d; drop", "stage")).toThrow();
    expect(() => col("d", "stage--")).toThrow();
    expect(() => enumList(["closed_won", "x'y"])).toThrow();
    expect(() => enumList([])).toThrow();
  });
});

/** Every .ts file under a folder, tests excluded. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

describe("stage, channel and action lists", () => {
  it("are never SQL string literals in the engine's groups or the dashboard's queries", () => {
    const root = resolve(process.cwd());
    const labels = [...new Set<string>([...DEAL_STAGES, ...USAGE_ACTIONS, ...MARKETING_CHANNELS, "outbound", "partner"])];
    const literal = new RegExp(`'(${labels.join("|")})'`);
    const offenders = [...sources(join(root, "lib/kpi/groups")), ...sources(join(root, "lib/dashboard"))].filter((file) =>
      literal.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});

describe("filters on enum columns", () => {
  it("compare as the enum (no ::text cast), with only known labels, and a filter of unknown values matches nothing", () => {
    const f = { segment: ["mid_market", "smb"], ownerEmail: [], sourceChannel: ["webinar", "paid_search"] };
    const lead = squash(render(leadFilters(f)).sql);
    expect(lead).toContain("l.source_channel in ('webinar', 'paid_search')");
    expect(lead).toContain("a.segment in ('mid_market', 'smb')");
    expect(lead).not.toContain("::text");
    const deal = squash(render(dealFilters(f)).sql);
    expect(deal).toContain("sl.source_channel in ('webinar', 'paid_search')");
    expect(deal).not.toContain("::text");
    expect(squash(render(leadFilters({ ...NO_FILTERS, sourceChannel: ["carrier_pigeon"] })).sql)).toBe("(false)");
    expect(squash(render(leadFilters({ ...NO_FILTERS, sourceChannel: ["x'); drop table leads; --"] })).sql)).toBe("(false)");
  });
});
