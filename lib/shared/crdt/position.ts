/** Where a new or moved task goes: a fractional index key between its neighbours. */
import { generateKeyBetween } from 'fractional-indexing';

export interface TaskPlacement {
  /** Place right after this task. */
  after?: string;
  /** Place right before this task. */
  before?: string;
}

interface Positioned {
  id: string;
  position: string;
}

/**
 * A key for a task placed among `ordered` (sorted by position then id, the task itself left out).
 * `after` decides when given (with an adjacent `before` it names the same gap), then `before`;
 * with neither, or anchors no longer in the list (deleted remotely), the task goes last. The key
 * is strictly between two neighbouring keys, so it never ties with an existing task; tasks already
 * tied (concurrent inserts at one spot) are only separable by id, so a task placed next to such a
 * group lands at the group's edge.
 */
export function positionBetween(ordered: readonly Positioned[], placement: TaskPlacement = {}): string {
  const after = placement.after === undefined ? undefined : ordered.find((t) => t.id === placement.after);
  const before = placement.before === undefined ? undefined : ordered.find((t) => t.id === placement.before);
  if (after) {
    const next = ordered.find((t) => t.position > after.position);
    return generateKeyBetween(after.position, next?.position ?? null);
  }
  if (before) {
    const previous = ordered.findLast((t) => t.position < before.position);
    return generateKeyBetween(previous?.position ?? null, before.position);
  }
  return generateKeyBetween(ordered.at(-1)?.position ?? null, null);
}

/** True when `key` is a fractional index key `generateKeyBetween` accepts as a bound. */
export function isOrderKey(key: string): boolean {
  if (!/^[0-9A-Za-z]+$/.test(key)) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}
