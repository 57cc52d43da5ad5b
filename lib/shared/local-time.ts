/**
 * Calendar arithmetic on the wall clock of a named time zone: the user's profile zone for the pages
 * (decision 054), so every page agrees with the server on which day it is, whatever the browser's
 * zone. Days move on the wall clock, so "the next day" is the next local midnight across DST too.
 */
import { addDays, instantAt, localDay, startOfDay, zoneOffsetMs } from './days';

const pad = (n: number) => String(n).padStart(2, '0');

/** The wall clock of `at` in `timeZone`: its day, and the minutes (with fractions) since that day's midnight. */
function wallClock(at: number, timeZone: string): { day: string; minutes: number } {
  const shifted = at + zoneOffsetMs(at, timeZone);
  const day = new Date(shifted).toISOString().slice(0, 10);
  return { day, minutes: (shifted - Date.parse(`${day}T00:00:00Z`)) / 60_000 };
}

/** The instant the wall clock of `timeZone` shows `minutes` past midnight of `day` (a skipped DST hour moves on by it). */
function atWallClock(day: string, minutes: number, timeZone: string): number {
  const whole = Math.floor(minutes);
  return instantAt(day, `${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`, timeZone) + Math.round((minutes - whole) * 60_000);
}

/** The calendar day of `at` in `timeZone`, YYYY-MM-DD. */
export function localDayKey(at: number, timeZone: string): string {
  return localDay(at, timeZone);
}

export function startOfLocalDay(at: number, timeZone: string): number {
  return startOfDay(localDay(at, timeZone), timeZone);
}

/** `at` moved by `days` calendar days, keeping its time of day on the wall clock. */
export function addLocalDays(at: number, days: number, timeZone: string): number {
  const { day, minutes } = wallClock(at, timeZone);
  return atWallClock(addDays(day, days), minutes, timeZone);
}

/** Midnight of the Monday of the week holding `at` (weeks start on Monday, ISO 8601). */
export function startOfLocalWeek(at: number, timeZone: string): number {
  const day = localDay(at, timeZone);
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return startOfDay(addDays(day, -((weekday + 6) % 7)), timeZone);
}

/** Minutes since midnight on the wall clock. */
export function localMinutes(at: number, timeZone: string): number {
  return wallClock(at, timeZone).minutes;
}

/** The value of an `<input type="datetime-local">` showing `at`. */
export function toDateTimeInput(at: number, timeZone: string): string {
  const { day, minutes } = wallClock(at, timeZone);
  const whole = Math.floor(minutes);
  return `${day}T${pad(Math.floor(whole / 60))}:${pad(whole % 60)}`;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const realDay = (y: string, m: string, d: string) => new Date(Date.UTC(Number(y), Number(m) - 1, Number(d))).toISOString().slice(0, 10) === `${y}-${m}-${d}`;

/** The instant an `<input type="datetime-local">` value names, or null when it is empty or invalid. */
export function fromDateTimeInput(value: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m || !realDay(m[1], m[2], m[3]) || Number(m[4]) > 23 || Number(m[5]) > 59) return null;
  return instantAt(`${m[1]}-${m[2]}-${m[3]}`, `${m[4]}:${m[5]}`, timeZone);
}

/** The value of an `<input type="date">` showing the day of `at`. */
export function toDateInput(at: number, timeZone: string): string {
  return localDay(at, timeZone);
}

/** Midnight of an `<input type="date">` value (parsed by hand: `new Date('YYYY-MM-DD')` would be UTC). */
export function fromDateInput(value: string, timeZone: string): number | null {
  const m = DATE.exec(value);
  if (!m || !realDay(m[1], m[2], m[3])) return null;
  return startOfDay(value, timeZone);
}
