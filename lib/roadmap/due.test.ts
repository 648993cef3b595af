import { describe, expect, it } from "vitest";
import { todayInZone } from "@/lib/time";
import { DEFAULT_COLUMNS } from "./constants";
import { DONE_COLUMN_KEY, isOverdue } from "./due";

describe("isOverdue", () => {
  it("a due date before today (organisation calendar) is overdue, unless the card is done", () => {
    expect(isOverdue("2025-03-09", "2025-03-10", "in_progress")).toBe(true);
    expect(isOverdue("2025-03-10", "2025-03-10", "in_progress")).toBe(false);
    expect(isOverdue("2025-03-11", "2025-03-10", "planned")).toBe(false);
    expect(isOverdue(null, "2025-03-10", "backlog")).toBe(false);
    expect(isOverdue("2025-03-09", "2025-03-10", DONE_COLUMN_KEY)).toBe(false);
    expect(DEFAULT_COLUMNS.map((c) => c.key)).toContain(DONE_COLUMN_KEY);
  });

  it("today is the organisation's: at 2025-03-10T03:00Z a card due 03-09 is overdue in UTC, not yet in New York", () => {
    const now = new Date("2025-03-10T03:00:00Z");
    expect(isOverdue("2025-03-09", todayInZone("UTC", now), "planned")).toBe(true);
    expect(isOverdue("2025-03-09", todayInZone("America/New_York", now), "planned")).toBe(false);
  });
});
