import type { PlannerEvent } from '@/lib/shared/schemas/planner';

// The browser's own locale and time zone (undefined = the user's settings).
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const hour = new Intl.DateTimeFormat(undefined, { hour: 'numeric' });
const dayHeading = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric' });
const longDay = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const shortDate = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

export const formatTime = (at: number) => time.format(at);
export const formatHour = (h: number) => hour.format(new Date(2000, 0, 1, h));
export const formatDayHeading = (at: number) => dayHeading.format(at);
export const formatLongDay = (at: number) => longDay.format(at);

/** "3 Jun 2030 – 9 Jun 2030" for the week [from, to). */
export const formatWeekRange = (from: number, lastDay: number) => shortDate.formatRange(from, lastDay);

export function formatTimeRange(e: Pick<PlannerEvent, 'startsAt' | 'endsAt' | 'allDay'>): string {
  return e.allDay ? 'All day' : `${formatTime(e.startsAt)}–${formatTime(e.endsAt)}`;
}

/** What a screen reader hears after an event button's visible title (and time): its day. */
export function formatEventDay(e: Pick<PlannerEvent, 'startsAt' | 'allDay'>): string {
  return e.allDay ? `${formatLongDay(e.startsAt)}, all day` : formatLongDay(e.startsAt);
}
