/**
 * Card ordering, pure and shared by the server (which persists it) and the board (which shows
 * the drag in progress). Positions inside a column are always dense: 0, 1, 2, … in order.
 */

/** One column's cards in order, by id. */
export type ColumnOrder = { columnId: number; cardIds: number[] };

/** A card whose column or position must be written. */
export type PositionUpdate = { id: number; columnId: number; position: number };

/** Clamps a wanted index into 0…length (an index past the end means "at the end"). */
export function clampIndex(index: number, length: number): number {
  if (!Number.isFinite(index) || index < 0) return 0;
  return Math.min(Math.floor(index), length);
}

/**
 * The order after moving `cardId` to `toColumnId` at `toIndex` — the index it will have in
 * the target column once it is there (so within one column, the index among the other cards).
 * Columns missing from `columns` are left out; a card not found anywhere is simply inserted.
 */
export function applyMove(columns: ColumnOrder[], cardId: number, toColumnId: number, toIndex: number): ColumnOrder[] {
  const without = columns.map((c) => ({ columnId: c.columnId, cardIds: c.cardIds.filter((id) => id !== cardId) }));
  const target = without.find((c) => c.columnId === toColumnId);
  if (!target) throw new Error(`unknown column ${toColumnId}`);
  target.cardIds.splice(clampIndex(toIndex, target.cardIds.length), 0, cardId);
  return without;
}

/**
 * What has to be written to go from `current` (each card's column and position as stored) to
 * `next`: every card whose column or dense position differs. Cards already in place are left
 * alone, so a move touches as few rows as possible.
 */
export function positionUpdates(
  current: ReadonlyMap<number, { columnId: number; position: number }>,
  next: ColumnOrder[],
): PositionUpdate[] {
  const out: PositionUpdate[] = [];
  for (const column of next) {
    column.cardIds.forEach((id, position) => {
      const was = current.get(id);
      if (!was || was.columnId !== column.columnId || was.position !== position) {
        out.push({ id, columnId: column.columnId, position });
      }
    });
  }
  return out;
}

/** Whether every column's positions are exactly 0…n-1 (for checks and tests). */
export function isDense(positions: number[]): boolean {
  return [...positions].sort((a, b) => a - b).every((p, i) => p === i);
}

/** Moves one element of an array from one index to another (a copy). */
export function arrayMove<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(clampIndex(to, copy.length), 0, item);
  return copy;
}
