/**
 * Calendar arithmetic in the runtime's own time zone (the browser's, for the pages). Date's local
 * setters handle daylight-saving days, so "the next day" is always the next local midnight.
 */

const pad = (n: number) => String(n).padStart(2, '0');

/** The local calendar day of `at`, YYYY-MM-DD. */
export function localDayKey(at: number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function startOfLocalDay(at: number): number {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** `at` moved by `days` calendar days, keeping its local time of day. */
export function addLocalDays(at: number, days: number): number {
  const d = new Date(at);
  d.setDate(d.getDate() + days);
  return d.getTime();
}

/** Local midnight of the Monday of the week holding `at` (weeks start on Monday, ISO 8601). */
export function startOfLocalWeek(at: number): number {
  const day = startOfLocalDay(at);
  return addLocalDays(day, -((new Date(day).getDay() + 6) % 7));
}

/** Minutes since local midnight. */
export function localMinutes(at: number): number {
  const d = new Date(at);
  return d.getHours() * 60 + d.getMinutes() + d.getSeconds() / 60;
}

/** The value of an `<input type="datetime-local">` showing `at`. */
export function toDateTimeInput(at: number): string {
  const d = new Date(at);
  return `${localDayKey(at)}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant an `<input type="datetime-local">` value names, or null when it is empty or invalid. */
export function fromDateTimeInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5])).getTime();
  return Number.isFinite(at) ? at : null;
}

/** The value of an `<input type="date">` showing the local day of `at`. */
export function toDateInput(at: number): string {
  return localDayKey(at);
}

/** Local midnight of an `<input type="date">` value (parsed by hand: `new Date('YYYY-MM-DD')` would be UTC). */
export function fromDateInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const at = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  return Number.isFinite(at) ? at : null;
}
