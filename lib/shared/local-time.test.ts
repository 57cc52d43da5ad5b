import { describe, expect, it } from 'vitest';
import {
  addLocalDays,
  fromDateInput,
  fromDateTimeInput,
  localDayKey,
  localMinutes,
  startOfLocalDay,
  startOfLocalWeek,
  toDateInput,
  toDateTimeInput,
} from './local-time';

describe('local calendar arithmetic', () => {
  it('finds the Monday that starts the week, from any day of it', () => {
    const monday = new Date(2026, 2, 23).getTime();
    for (let i = 0; i < 7; i++) expect(startOfLocalWeek(new Date(2026, 2, 23 + i, 15, 30).getTime())).toBe(monday);
    expect(startOfLocalWeek(new Date(2026, 2, 30, 0, 0).getTime())).toBe(new Date(2026, 2, 30).getTime());
  });

  it('adds calendar days keeping the local time of day', () => {
    const at = new Date(2026, 0, 31, 9, 15).getTime();
    expect(new Date(addLocalDays(at, 1))).toEqual(new Date(2026, 1, 1, 9, 15));
    expect(new Date(addLocalDays(at, -31))).toEqual(new Date(2025, 11, 31, 9, 15));
    expect(localMinutes(at)).toBe(9 * 60 + 15);
    expect(startOfLocalDay(at)).toBe(new Date(2026, 0, 31).getTime());
    expect(localDayKey(at)).toBe('2026-01-31');
  });

  it('round-trips form input values and rejects malformed ones', () => {
    const at = new Date(2026, 6, 4, 18, 45).getTime();
    expect(toDateTimeInput(at)).toBe('2026-07-04T18:45');
    expect(fromDateTimeInput('2026-07-04T18:45')).toBe(at);
    expect(toDateInput(at)).toBe('2026-07-04');
    expect(fromDateInput('2026-07-04')).toBe(new Date(2026, 6, 4).getTime());
    expect(fromDateTimeInput('')).toBeNull();
    expect(fromDateTimeInput('2026-07-04')).toBeNull();
    expect(fromDateInput('04/07/2026')).toBeNull();
  });
});
