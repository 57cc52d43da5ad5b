import { expect, it } from 'vitest';
import { confirmCreated, pendingId, rowKey } from './optimistic-list';

const row = (id: string, title = id) => ({ id, title });

it('puts the saved row where its pending row was, and keeps the key it was shown under', () => {
  const pending = pendingId();
  const rows = [row('a'), row(pending, 'Walk'), row('c')];
  expect(confirmCreated(rows, pending, row('s1', 'Walk'))).toEqual([row('a'), row('s1', 'Walk'), row('c')]);
  expect(rowKey('s1')).toBe(pending);
  // Rows that were never pending keep their own id as their key.
  expect(rowKey('a')).toBe('a');
});

it('drops the pending row when a refetch has brought the saved one already', () => {
  const pending = pendingId();
  expect(confirmCreated([row('s2'), row(pending)], pending, row('s2'))).toEqual([row('s2')]);
});

it('changes nothing for an id that was not pending, nor for an empty cache', () => {
  const rows = [row('a')];
  expect(confirmCreated(rows, 'a', row('b'))).toBe(rows);
  expect(rowKey('b')).toBe('b');
  const pending = pendingId();
  expect(confirmCreated(undefined, pending, row('s3'))).toBeUndefined();
  expect(rowKey('s3')).toBe(pending);
});
