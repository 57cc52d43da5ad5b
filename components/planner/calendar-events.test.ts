import { describe, expect, it } from 'vitest';
import type { SseEvent } from '@/lib/shared/realtime';
import { plannerEventSchema, type PlannerEvent } from '@/lib/shared/schemas/planner';
import { applyToRange, calendarChange, plannerEventOf, type CalendarChange } from './calendar-events';
import { DAY, ev, H } from './test-events';

const sse = (type: string, payload: unknown, extra: Partial<SseEvent> = {}): SseEvent => ({
  id: '1',
  channel: 'calendar',
  type,
  payload,
  sourceDeviceId: 'web-other',
  timestamp: '',
  changedScopes: ['planner'],
  ...extra,
});
const upsert = (event: PlannerEvent): CalendarChange => ({ kind: 'upsert', event });

// Two weeks as the planner caches them: [0, 7 days) and [7, 14 days).
const WEEK1: [number, number] = [0, 7 * DAY];
const WEEK2: [number, number] = [7 * DAY, 14 * DAY];

describe('calendarChange', () => {
  it.each([
    ['event_created', 'upsert'],
    ['event_updated', 'upsert'],
    ['event_deleted', 'remove'],
  ])('reads %s as %s of the event it carries', (type, kind) => {
    expect(calendarChange(sse(type, { ...ev('a', DAY), extra: 'dropped' }))).toEqual({ kind, event: ev('a', DAY) });
  });

  it.each([
    ['merged by the throttle', sse('event_updated', ev('a', DAY), { merged: 2 })],
    ['of an unknown type', sse('event_moved', ev('a', DAY))],
    ['without the event', sse('event_created', { id: 'a' })],
    ['with a wrongly typed field', sse('event_created', { ...ev('a', DAY), startsAt: 'tomorrow' })],
  ])('asks for a refetch when the event is %s', (_name, event) => {
    expect(calendarChange(event)).toBeNull();
  });

  // Read by hand (no Zod on the planner's first load, decision 059): it accepts and drops exactly what the schema does.
  it.each([
    ['an event', ev('a', DAY)],
    ['an all-day event with notes and a colour', { ...ev('a', DAY), allDay: true, notes: 'n', color: '#c2410c' }],
    ['an event with more fields', { ...ev('a', DAY), extra: 1 }],
    ['no object', 'event'],
    ['null', null],
    ['an array', [ev('a', DAY)]],
    ['a missing title', { ...ev('a', DAY), title: undefined }],
    ['a numeric id', { ...ev('a', DAY), id: 7 }],
    ['a NaN start', { ...ev('a', DAY), startsAt: Number.NaN }],
    ['an infinite end', { ...ev('a', DAY), endsAt: Number.POSITIVE_INFINITY }],
    ['a string allDay', { ...ev('a', DAY), allDay: 'true' }],
    ['undefined notes', { ...ev('a', DAY), notes: undefined }],
    ['a numeric colour', { ...ev('a', DAY), color: 3 }],
    ['a missing updatedAt', { ...ev('a', DAY), updatedAt: undefined }],
  ])('reads %s as plannerEventSchema does', (_name, payload) => {
    const parsed = plannerEventSchema.safeParse(payload);
    expect(plannerEventOf(payload)).toEqual(parsed.success ? parsed.data : null);
  });
});

describe('applyToRange', () => {
  const cache = [ev('a', DAY), ev('c', 3 * DAY)];

  it('inserts a new event where it falls, in start order', () => {
    expect(applyToRange(cache, ...WEEK1, upsert(ev('b', 2 * DAY))).map((e) => e.id)).toEqual(['a', 'b', 'c']);
    expect(applyToRange(cache, ...WEEK2, upsert(ev('b', 2 * DAY)))).toBe(cache);
  });

  it('includes an event that only overlaps the range’s start', () => {
    const spanning = ev('s', 7 * DAY - H, { endsAt: 7 * DAY + H });
    expect(applyToRange([], ...WEEK1, upsert(spanning))).toEqual([spanning]);
    expect(applyToRange([], ...WEEK2, upsert(spanning))).toEqual([spanning]);
  });

  it('replaces an updated event and moves it between weeks', () => {
    const moved = ev('a', 8 * DAY, { title: 'moved', updatedAt: 20 });
    expect(applyToRange(cache, ...WEEK1, upsert(moved)).map((e) => e.id)).toEqual(['c']);
    expect(applyToRange([ev('x', 9 * DAY)], ...WEEK2, upsert(moved))).toEqual([moved, ev('x', 9 * DAY)]);
    const renamed = ev('c', 3 * DAY, { title: 'renamed', updatedAt: 20 });
    expect(applyToRange(cache, ...WEEK1, upsert(renamed))).toEqual([ev('a', DAY), renamed]);
  });

  it('keeps a cached copy newer than the event', () => {
    expect(applyToRange(cache, ...WEEK1, upsert(ev('a', 2 * DAY, { updatedAt: 5 })))).toBe(cache);
  });

  it('removes a deleted event, and changes nothing where it was not', () => {
    expect(applyToRange(cache, ...WEEK1, { kind: 'remove', event: ev('a', DAY, { updatedAt: 1 }) })).toEqual([ev('c', 3 * DAY)]);
    const other = [ev('x', 9 * DAY)];
    expect(applyToRange(other, ...WEEK2, { kind: 'remove', event: ev('a', DAY) })).toBe(other);
  });
});
