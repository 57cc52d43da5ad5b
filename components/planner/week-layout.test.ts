import { describe, expect, it } from 'vitest';
import { localDayKey } from '@/lib/shared/local-time';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { layoutDay, moveEvent, weekDays } from './week-layout';

const NEW_YORK = 'America/New_York';
const event = (id: string, startsAt: number, endsAt: number): PlannerEvent => ({
  id,
  title: id,
  startsAt,
  endsAt,
  allDay: false,
  notes: null,
  color: null,
  createdAt: 0,
  updatedAt: 0,
});

describe('the planner week on the profile’s wall clock', () => {
  it('lays the week out in the profile’s zone: 7 midnights there, one of them 25 hours long when the clocks fall back', () => {
    const monday = Date.UTC(2026, 9, 26, 4); // Monday 26 October 2026, 00:00 in New York (EDT)
    const days = weekDays(monday, NEW_YORK);
    expect(days.map((d) => localDayKey(d, NEW_YORK))).toEqual([
      '2026-10-26',
      '2026-10-27',
      '2026-10-28',
      '2026-10-29',
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
    expect(days[7] - days[6]).toBe(25 * 3_600_000);
  });

  it('places a block at its wall-clock time and moves it by days keeping that time across the change', () => {
    const nine = Date.UTC(2026, 9, 31, 13); // Saturday 31 October, 09:00 EDT
    const [block] = layoutDay([event('standup', nine, nine + 3_600_000)], Date.UTC(2026, 9, 31, 4), Date.UTC(2026, 10, 1, 4), NEW_YORK);
    expect([block.top, block.height]).toEqual([9 * 60, 60]);
    // Moved to Monday 2 November, after the clocks went back: still 09:00–10:00, now EST.
    expect(moveEvent({ startsAt: nine, endsAt: nine + 3_600_000 }, 2, 0, NEW_YORK)).toEqual({
      startsAt: Date.UTC(2026, 10, 2, 14),
      endsAt: Date.UTC(2026, 10, 2, 15),
    });
    expect(moveEvent({ startsAt: nine, endsAt: nine + 3_600_000 }, 0, 30, NEW_YORK)).toEqual({ startsAt: nine + 1_800_000, endsAt: nine + 5_400_000 });
  });
});
