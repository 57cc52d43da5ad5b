import { addLocalDays, localMinutes } from '@/lib/shared/local-time';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';

export const DAY_MINUTES = 24 * 60;
/** Short events still get a block tall enough to read and to grab. */
const MIN_BLOCK_MINUTES = 20;

/** One timed event's block in one day column: minutes from the top of the day, and its lane among overlapping blocks. */
export interface DayBlock {
  event: PlannerEvent;
  top: number;
  height: number;
  lane: number;
  lanes: number;
  continuesBefore: boolean;
  continuesAfter: boolean;
}

/** The 7 midnights (in `timeZone`) of the week starting at `weekStart`, and the one after. */
export function weekDays(weekStart: number, timeZone: string): number[] {
  return Array.from({ length: 8 }, (_, i) => addLocalDays(weekStart, i, timeZone));
}

/**
 * Lays out the timed events of one day: each is clipped to the day, and blocks that overlap share
 * the column side by side (greedy lanes per cluster of overlapping blocks).
 */
export function layoutDay(events: readonly PlannerEvent[], dayStart: number, dayEnd: number, timeZone: string): DayBlock[] {
  const blocks = events
    .filter((e) => !e.allDay && e.startsAt < dayEnd && e.endsAt > dayStart)
    .map((event) => {
      const continuesBefore = event.startsAt < dayStart;
      const continuesAfter = event.endsAt > dayEnd;
      const top = continuesBefore ? 0 : localMinutes(event.startsAt, timeZone);
      const bottom = continuesAfter || event.endsAt === dayEnd ? DAY_MINUTES : localMinutes(event.endsAt, timeZone);
      const height = Math.max(MIN_BLOCK_MINUTES, bottom - top);
      return { event, top: Math.min(top, DAY_MINUTES - MIN_BLOCK_MINUTES), height, lane: 0, lanes: 1, continuesBefore, continuesAfter };
    })
    .sort((a, b) => a.top - b.top || b.height - a.height || a.event.id.localeCompare(b.event.id));

  let cluster: DayBlock[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -1;
  const close = () => cluster.forEach((b) => (b.lanes = laneEnds.length));
  for (const block of blocks) {
    if (block.top >= clusterEnd) {
      close();
      cluster = [];
      laneEnds = [];
    }
    let lane = laneEnds.findIndex((end) => end <= block.top);
    if (lane === -1) lane = laneEnds.push(0) - 1;
    laneEnds[lane] = block.top + block.height;
    block.lane = lane;
    cluster.push(block);
    clusterEnd = Math.max(clusterEnd, block.top + block.height);
  }
  close();
  return blocks;
}

/** The all-day events touching the day [dayStart, dayEnd). */
export function allDayOn(events: readonly PlannerEvent[], dayStart: number, dayEnd: number): PlannerEvent[] {
  return events.filter((e) => e.allDay && e.startsAt < dayEnd && e.endsAt > dayStart);
}

/** An event moved by whole days (in `timeZone`) and minutes, keeping its length. */
export function moveEvent(
  event: Pick<PlannerEvent, 'startsAt' | 'endsAt'>,
  days: number,
  minutes: number,
  timeZone: string,
): { startsAt: number; endsAt: number } {
  const startsAt = addLocalDays(event.startsAt, days, timeZone) + minutes * 60_000;
  // Moved by whole days both ends keep their local times (9–10 stays 9–10 across a clock change).
  const endsAt = minutes === 0 ? addLocalDays(event.endsAt, days, timeZone) : startsAt + (event.endsAt - event.startsAt);
  return { startsAt, endsAt };
}
