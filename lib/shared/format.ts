/**
 * One way to write dates, times and numbers on every page: in the browser's language and the user's
 * profile time zone (decision 054). `formatsFor` builds the Intl formatters once per zone and language.
 */

const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' };
const SHORT_DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const LONG_DAY: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' };
const DAY_SPAN: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'short', year: 'numeric' };

export type DayStyle = 'day' | 'short' | 'long';

/** What needs no time zone: numbers, lengths of time, how long ago. */
export interface Figures {
  /** A count: "1,234". */
  count(n: number): string;
  /** An average or a score, to one decimal: "6.5". */
  decimal(n: number): string;
  /** A difference to one decimal, always signed: "+1.5", "−0.5", "±0.0". */
  signedDecimal(n: number): string;
  /** A share of a whole (0–1): "42%". */
  percent(ratio: number): string;
  /** A length of time: "45 s", "25 min", "1 h 30 min". */
  duration(ms: number): string;
  /** How long ago: "just now", "4 minutes ago", "3 hours ago", "2 days ago". */
  ago(at: number, now: number): string;
}

export interface Formats extends Figures {
  readonly timeZone: string;
  /** A day in a sentence or a list: "Thu, 31 Dec 2026" (en-GB), "Thu, Dec 31, 2026" (en-US). */
  day(at: number): string;
  /** A day in a chart, a grid or a column, where the year goes without saying: "Thu 31 Dec". */
  shortDay(at: number): string;
  /** A heading over one day's things: "Thursday 31 December". */
  longDay(at: number): string;
  /** A time of day: "14:25", "2:25 PM". */
  time(at: number): string;
  /** A time of day to the second, for figures that change within a minute: "14:25:03". */
  clock(at: number): string;
  /** A moment: the day and the time, "Thu, 31 Dec 2026, 14:25". */
  dateTime(at: number): string;
  /** "09:00–10:00". */
  timeRange(from: number, to: number): string;
  /** The days from `first` to `last`, both included: "3–9 Jun 2030". */
  dayRange(first: number, last: number): string;
  /** An hour of the clock for a time grid's ruler: "14", "2 PM". */
  hour(h: number): string;
  /** A calendar day (YYYY-MM-DD, already the user's day: no zone moves it) in one of the day styles. */
  calendarDay(day: string, style?: DayStyle): string;
}

const cache = new Map<string, Formats>();
const figuresCache = new Map<string, Figures>();

/** The figures of `locale` (the browser's language when undefined), built once. */
export function figuresFor(locale?: string): Figures {
  let figures = figuresCache.get(locale ?? '');
  if (!figures) {
    figures = buildFigures(locale);
    figuresCache.set(locale ?? '', figures);
  }
  return figures;
}

/** The formats for `timeZone` in `locale` (the browser's language when undefined), built once. */
export function formatsFor(timeZone: string, locale?: string): Formats {
  const key = `${locale ?? ''}|${timeZone}`;
  let formats = cache.get(key);
  if (!formats) {
    formats = build(timeZone, locale);
    cache.set(key, formats);
  }
  return formats;
}

function build(timeZone: string, locale: string | undefined): Formats {
  const dates = (options: Intl.DateTimeFormatOptions, zone = timeZone) => new Intl.DateTimeFormat(locale, { ...options, timeZone: zone });
  // "09:05" where the clock runs to 23, "9:05 AM" where it runs to 12: each language's own short time.
  const hour12 = ['h11', 'h12'].includes(new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hourCycle ?? '');
  const TIME: Intl.DateTimeFormatOptions = { hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit' };
  const day = dates(DAY);
  const shortDay = dates(SHORT_DAY);
  const longDay = dates(LONG_DAY);
  const time = dates(TIME);
  const clock = dates({ ...TIME, second: '2-digit' });
  const dateTime = dates({ ...DAY, ...TIME });
  const daySpan = dates(DAY_SPAN);
  const hour = dates({ hour: 'numeric' }, 'UTC');
  const calendar = { day: dates(DAY, 'UTC'), short: dates(SHORT_DAY, 'UTC'), long: dates(LONG_DAY, 'UTC') };

  return {
    ...figuresFor(locale),
    timeZone,
    day: (at) => day.format(at),
    shortDay: (at) => shortDay.format(at),
    longDay: (at) => longDay.format(at),
    time: (at) => time.format(at),
    clock: (at) => clock.format(at),
    dateTime: (at) => dateTime.format(at),
    timeRange: (from, to) => `${time.format(from)}–${time.format(to)}`,
    dayRange: (first, last) => daySpan.formatRange(first, last),
    hour: (h) => hour.format(Date.UTC(2000, 0, 1, h)),
    calendarDay: (d, style = 'day') => calendar[style].format(Date.parse(`${d}T12:00:00Z`)),
  };
}

function buildFigures(locale: string | undefined): Figures {
  const count = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const signed = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'always' });
  const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
  const whole = (n: number, unit: string) => `${count.format(n)} ${unit}`;
  return {
    count: (n) => count.format(n),
    decimal: (n) => decimal.format(n),
    // A true minus sign, as typeset figures use; zero is neither gain nor loss.
    signedDecimal: (n) => (decimal.format(Math.abs(n)) === decimal.format(0) ? `±${decimal.format(0)}` : signed.format(n).replace('-', '−')),
    percent: (ratio) => percent.format(ratio),
    duration(ms) {
      if (ms < 60_000) return whole(Math.round(ms / 1000), 's');
      const minutes = Math.round(ms / 60_000);
      if (minutes < 60) return whole(minutes, 'min');
      const rest = minutes % 60;
      return rest === 0 ? whole(minutes / 60, 'h') : `${whole(Math.floor(minutes / 60), 'h')} ${whole(rest, 'min')}`;
    },
    ago(at, now) {
      const minutes = Math.floor((now - at) / 60_000);
      if (minutes < 1) return 'just now';
      if (minutes < 60) return relative.format(-minutes, 'minute');
      const hours = Math.floor(minutes / 60);
      if (hours < 24) return relative.format(-hours, 'hour');
      return relative.format(-Math.floor(hours / 24), 'day');
    },
  };
}
