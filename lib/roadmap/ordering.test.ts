import { describe, expect, it } from "vitest";
import { applyMove, arrayMove, clampIndex, isDense, positionUpdates, type ColumnOrder } from "./ordering";

const board = (): ColumnOrder[] => [
  { columnId: 1, cardIds: [10, 11, 12] },
  { columnId: 2, cardIds: [20, 21] },
];

describe("applyMove", () => {
  it("moves a card down within its column (index among the other cards)", () => {
    expect(applyMove(board(), 10, 1, 2)[0]!.cardIds).toEqual([11, 12, 10]);
    expect(applyMove(board(), 12, 1, 0)[0]!.cardIds).toEqual([12, 10, 11]);
    expect(applyMove(board(), 11, 1, 1)[0]!.cardIds).toEqual([10, 11, 12]);
  });

  it("moves a card between columns", () => {
    const next = applyMove(board(), 11, 2, 1);
    expect(next).toEqual([
      { columnId: 1, cardIds: [10, 12] },
      { columnId: 2, cardIds: [20, 11, 21] },
    ]);
  });

  it("clamps an index past the end (last) and below zero (first)", () => {
    expect(applyMove(board(), 10, 2, 99)[1]!.cardIds).toEqual([20, 21, 10]);
    expect(applyMove(board(), 10, 2, -3)[1]!.cardIds).toEqual([10, 20, 21]);
  });

  it("moves into an empty column", () => {
    const next = applyMove([...board(), { columnId: 3, cardIds: [] }], 20, 3, 0);
    expect(next[2]!.cardIds).toEqual([20]);
    expect(next[1]!.cardIds).toEqual([21]);
  });

  it("refuses an unknown target column and does not change its input", () => {
    const b = board();
    expect(() => applyMove(b, 10, 9, 0)).toThrow(/unknown column/);
    expect(b).toEqual(board());
  });
});

describe("positionUpdates", () => {
  const current = new Map([
    [10, { columnId: 1, position: 0 }],
    [11, { columnId: 1, position: 1 }],
    [12, { columnId: 1, position: 2 }],
    [20, { columnId: 2, position: 0 }],
    [21, { columnId: 2, position: 1 }],
  ]);

  it("writes only the cards whose column or position changes, densely numbered", () => {
    const next = applyMove(board(), 10, 2, 1);
    expect(positionUpdates(current, next)).toEqual([
      { id: 11, columnId: 1, position: 0 },
      { id: 12, columnId: 1, position: 1 },
      { id: 10, columnId: 2, position: 1 },
      { id: 21, columnId: 2, position: 2 },
    ]);
  });

  it("repairs gaps and duplicates", () => {
    const gappy = new Map([
      [1, { columnId: 1, position: 0 }],
      [2, { columnId: 1, position: 5 }],
      [3, { columnId: 1, position: 5 }],
    ]);
    const updates = positionUpdates(gappy, [{ columnId: 1, cardIds: [1, 2, 3] }]);
    expect(updates).toEqual([
      { id: 2, columnId: 1, position: 1 },
      { id: 3, columnId: 1, position: 2 },
    ]);
  });

  it("writes nothing when nothing moves", () => {
    expect(positionUpdates(current, board())).toEqual([]);
  });
});

describe("helpers", () => {
  it("isDense", () => {
    expect(isDense([2, 0, 1])).toBe(true);
    expect(isDense([])).toBe(true);
    expect(isDense([0, 2])).toBe(false);
    expect(isDense([0, 0, 1])).toBe(false);
  });

  it("clampIndex", () => {
    expect(clampIndex(3, 2)).toBe(2);
    expect(clampIndex(-1, 2)).toBe(0);
    expect(clampIndex(Number.NaN, 2)).toBe(0);
    expect(clampIndex(1.7, 5)).toBe(1);
  });

  it("arrayMove", () => {
    expect(arrayMove(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(arrayMove(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(arrayMove(["a"], 3, 0)).toEqual(["a"]);
  });
});
