import { describe, expect, it } from 'vitest';
import { localDay } from './days';
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

const BERLIN = 'Europe/Berlin';

describe('calendar arithmetic on a named zone’s wall clock', () => {
  it('finds the Monday that starts the week, from any day of it', () => {
    const monday = Date.UTC(2026, 2, 22, 23); // Monday 23 March 2026, 00:00 in Berlin
    for (let i = 0; i < 7; i++) expect(startOfLocalWeek(Date.UTC(2026, 2, 23 + i, 14, 30), BERLIN)).toBe(monday);
    expect(startOfLocalWeek(Date.UTC(2026, 2, 29, 22, 0), BERLIN)).toBe(Date.UTC(2026, 2, 29, 22)); // Monday 30 March, after DST
  });

  it('adds calendar days keeping the time on the wall clock, across a DST change', () => {
    const saturday = Date.UTC(2026, 2, 28, 8, 15); // 09:15 CET
    expect(addLocalDays(saturday, 1, BERLIN)).toBe(Date.UTC(2026, 2, 29, 7, 15)); // 09:15 CEST: 23 hours later
    expect(addLocalDays(saturday, -31, BERLIN)).toBe(Date.UTC(2026, 1, 25, 8, 15));
    expect(localMinutes(saturday, BERLIN)).toBe(9 * 60 + 15);
    expect(localMinutes(Date.UTC(2026, 2, 29, 1, 0, 30), BERLIN)).toBe(3 * 60 + 0.5);
    expect(startOfLocalDay(saturday, BERLIN)).toBe(Date.UTC(2026, 2, 27, 23));
    expect(localDayKey(Date.UTC(2026, 0, 30, 23, 30), BERLIN)).toBe('2026-01-31');
  });

  it('round-trips form input values in the zone, and rejects malformed ones', () => {
    const at = Date.UTC(2026, 6, 4, 16, 45); // 18:45 CEST
    expect(toDateTimeInput(at, BERLIN)).toBe('2026-07-04T18:45');
    expect(fromDateTimeInput('2026-07-04T18:45', BERLIN)).toBe(at);
    expect(toDateTimeInput(at, 'America/New_York')).toBe('2026-07-04T12:45');
    expect(toDateInput(Date.UTC(2026, 6, 4, 22, 30), BERLIN)).toBe('2026-07-05');
    expect(fromDateInput('2026-07-04', BERLIN)).toBe(Date.UTC(2026, 6, 3, 22));
    // The hour DST skips moves on by it: 02:30 on 29 March does not exist in Berlin.
    expect(fromDateTimeInput('2026-03-29T02:30', BERLIN)).toBe(Date.UTC(2026, 2, 29, 1, 30));
    for (const bad of ['', '2026-07-04', '2026-02-30T10:00', '2026-07-04T24:00']) expect(fromDateTimeInput(bad, BERLIN)).toBeNull();
    for (const bad of ['04/07/2026', '2026-13-01', '2026-02-29']) expect(fromDateInput(bad, BERLIN)).toBeNull();
  });

  it('agrees with the server on which day it is when the browser’s zone is another one', () => {
    // 23:30 UTC on Sunday 6 December 2026: the browser (UTC) says Sunday; a Berlin profile, and the
    // server's plan for it, say Monday 7 December, the first day of a new week.
    const now = Date.UTC(2026, 11, 6, 23, 30);
    expect(localDayKey(now, BERLIN)).toBe(localDay(now, BERLIN));
    expect(localDayKey(now, BERLIN)).toBe('2026-12-07');
    expect(localDayKey(startOfLocalWeek(now, BERLIN), BERLIN)).toBe('2026-12-07');
    expect(localDayKey(startOfLocalWeek(now, 'UTC'), 'UTC')).toBe('2026-11-30');
  });
});
