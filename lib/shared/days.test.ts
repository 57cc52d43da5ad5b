import { describe, expect, it } from 'vitest';
import { addDays, localDay, startOfDay } from './days';

describe('days in a time zone', () => {
  it('gives the local calendar day of an instant', () => {
    const at = Date.UTC(2026, 0, 5, 23, 30); // 23:30 UTC on Jan 5
    expect(localDay(at, 'UTC')).toBe('2026-01-05');
    expect(localDay(at, 'Europe/Paris')).toBe('2026-01-06');
    expect(localDay(at, 'America/New_York')).toBe('2026-01-05');
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds local midnight, also on DST change days', () => {
    expect(startOfDay('2026-01-06', 'Europe/Paris')).toBe(Date.UTC(2026, 0, 5, 23));
    expect(startOfDay('2026-03-29', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 28, 23));
    expect(startOfDay('2026-03-30', 'Europe/Paris')).toBe(Date.UTC(2026, 2, 29, 22));
    expect(startOfDay('2026-07-01', 'America/Los_Angeles')).toBe(Date.UTC(2026, 6, 1, 7));
  });
});
