import { describe, expect, it } from 'vitest';
import { isOrderKey, positionBetween } from './position';

const tasks = [
  { id: 'a', position: 'a0' },
  { id: 'b', position: 'a1' },
  { id: 'c', position: 'a1' },
  { id: 'd', position: 'a2' },
];

describe('task positions', () => {
  it('puts a task last when no anchor is given, and first in an empty list', () => {
    expect(positionBetween([])).toBe('a0');
    expect(positionBetween(tasks) > 'a2').toBe(true);
  });

  it('puts a task strictly between its anchor and the next key', () => {
    const key = positionBetween(tasks, { after: 'a' });
    expect(key > 'a0' && key < 'a1').toBe(true);
    const before = positionBetween(tasks, { before: 'd' });
    expect(before > 'a1' && before < 'a2').toBe(true);
  });

  it('lets `after` decide when both anchors are given', () => {
    expect(positionBetween(tasks, { after: 'a', before: 'd' })).toBe(positionBetween(tasks, { after: 'a' }));
  });

  it('lands at the edge of a group of tied keys', () => {
    const key = positionBetween(tasks, { after: 'b' });
    expect(key > 'a1' && key < 'a2').toBe(true);
  });

  it('ignores an anchor no longer in the list', () => {
    expect(positionBetween(tasks, { after: 'gone' })).toBe(positionBetween(tasks));
    expect(positionBetween(tasks, { after: 'gone', before: 'b' })).toBe(positionBetween(tasks, { before: 'b' }));
  });

  it('recognises fractional index keys', () => {
    for (const key of ['a0', 'a1', 'a0V', 'Zz', 'b00', 'zzzzzzzzzzzzzzzzzzzzzzzzzzz']) expect(isOrderKey(key)).toBe(true);
    for (const key of ['', 'a', 'a00', 'a0-', 'A00000000000000000000000000', '!0']) expect(isOrderKey(key)).toBe(false);
  });
});
