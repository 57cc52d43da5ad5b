/**
 * Quick add in plain words: "Call mom tomorrow 5pm p1 #family every monday". Pure: the caller passes
 * `now`, the user's time zone and their lists. Dates go through chrono-node on the user's wall clock
 * (so the result never depends on the machine's zone); what is not understood stays in the title.
 */
import * as chrono from 'chrono-node';
import type { Priority } from './crdt/ops';
import { addDays, localDay, zoneOffsetMs } from './days';
import { WEEKDAYS, type Recurrence } from './recurrence';
import { recurrenceFor } from './repeat-choice';
// Quick add loads on use (with chrono-node), so it takes the rules' code along directly.
import { describeRecurrence, firstDueDay } from './repeat-rules';

export type ChipKind = 'due' | 'priority' | 'list' | 'repeat';

export interface QuickAddChip {
  kind: ChipKind;
  /** The words it was read from. */
  text: string;
  /** What it means, for the chip ("Tomorrow 17:00", "P1", "#Work", "Every week on Monday"). */
  label: string;
}

export interface QuickAddResult {
  title: string;
  dueDay: string | null;
  dueTime: string | null;
  priority: Priority | null;
  listId: string | null;
  recurrence: Recurrence | null;
  chips: QuickAddChip[];
}

export interface QuickAddOptions {
  now: number;
  timeZone: string;
  lists: readonly { id: string; name: string }[];
  /** Kinds the user removed as chips: their words stay in the title. */
  skip?: ReadonlySet<ChipKind>;
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAY_NAMES: Record<string, (typeof WEEKDAYS)[number]> = {
  mon: 'MO',
  monday: 'MO',
  tue: 'TU',
  tues: 'TU',
  tuesday: 'TU',
  wed: 'WE',
  wednesday: 'WE',
  thu: 'TH',
  thur: 'TH',
  thurs: 'TH',
  thursday: 'TH',
  fri: 'FR',
  friday: 'FR',
  sat: 'SA',
  saturday: 'SA',
  sun: 'SU',
  sunday: 'SU',
};
const DAY_WORD = `(?:${Object.keys(DAY_NAMES)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;
const NUMBER_WORDS: Record<string, number> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, other: 2 };
const COUNT = `(\\d{1,3}|${Object.keys(NUMBER_WORDS).join('|')})`;
const count = (word: string | undefined) => (word === undefined ? 1 : (NUMBER_WORDS[word.toLowerCase()] ?? Number(word)));

/** Repeat phrases, most specific first; each gives a choice (or a rule) from its match. */
const REPEATS: { pattern: RegExp; make: (m: RegExpExecArray) => Recurrence }[] = [
  {
    pattern: new RegExp(`\\b(?:every\\s+)?${COUNT}\\s+days?\\s+after\\s+(?:completion|completing|done|it'?s?\\s+done)\\b`, 'i'),
    make: (m) => recurrenceFor({ kind: 'afterCompletion', n: count(m[1]) }),
  },
  { pattern: /\bevery\s+(?:week\s*day|weekday)s?\b|\bweekdays\b/i, make: () => recurrenceFor({ kind: 'weekdays' }) },
  {
    pattern: new RegExp(`\\bevery\\s+(${DAY_WORD}(?:\\s*(?:,|and|&)\\s*${DAY_WORD})*)\\b`, 'i'),
    make: (m) => {
      const named = m[1].split(/\s*(?:,|and|&)\s*/i).map((d) => DAY_NAMES[d.toLowerCase()]);
      return recurrenceFor({ kind: 'weekly', days: WEEKDAYS.filter((d) => named.includes(d)) });
    },
  },
  {
    pattern: /\b(?:every\s+month|monthly)\s+on\s+the\s+(\d{1,2})(?:st|nd|rd|th)?\b|\bevery\s+(\d{1,2})(?:st|nd|rd|th)\b/i,
    make: (m) => recurrenceFor({ kind: 'monthly', day: Math.min(31, Math.max(1, Number(m[1] ?? m[2]))) }),
  },
  { pattern: new RegExp(`\\bevery\\s+${COUNT}\\s+days?\\b`, 'i'), make: (m) => recurrenceFor({ kind: 'everyNDays', n: count(m[1]) }) },
  { pattern: new RegExp(`\\bevery\\s+${COUNT}\\s+weeks?\\b`, 'i'), make: (m) => ({ rule: `FREQ=WEEKLY;INTERVAL=${count(m[1])}`, from: 'due' }) },
  { pattern: new RegExp(`\\bevery\\s+${COUNT}\\s+months?\\b`, 'i'), make: (m) => ({ rule: `FREQ=MONTHLY;INTERVAL=${count(m[1])}`, from: 'due' }) },
  { pattern: /\bevery\s*day\b|\bdaily\b/i, make: () => recurrenceFor({ kind: 'daily' }) },
  { pattern: /\bevery\s+week\b|\bweekly\b/i, make: () => ({ rule: 'FREQ=WEEKLY', from: 'due' }) },
  { pattern: /\bevery\s+month\b|\bmonthly\b/i, make: () => ({ rule: 'FREQ=MONTHLY', from: 'due' }) },
  { pattern: /\bevery\s+year\b|\byearly\b|\bannually\b/i, make: () => ({ rule: 'FREQ=YEARLY', from: 'due' }) },
];

/** Cuts `[index, index + length)` out of `text`, with a dangling "on"/"at"/"by"/"due" just before it. */
function cut(text: string, index: number, length: number): string {
  const before = text.slice(0, index).replace(/\s+(?:on|at|by|due)\s*$/i, ' ');
  return `${before} ${text.slice(index + length)}`;
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The wall clock of `now` in `timeZone`, as a Date whose UTC fields hold it (chrono then reads it with offset 0). */
function wallClock(now: number, timeZone: string): Date {
  return new Date(Math.floor((now + zoneOffsetMs(now, timeZone)) / 60_000) * 60_000);
}

const slug = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

const WEEKDAY_SHORT = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_SHORT = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Mon 9 Mar": the same in every runtime (no locale data involved). */
function shortDate(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return `${WEEKDAY_SHORT[date.getUTCDay()]} ${date.getUTCDate()} ${MONTH_SHORT[date.getUTCMonth()]}`;
}

function dayLabel(day: string, time: string | null, today: string): string {
  const name = day === today ? 'Today' : day === addDays(today, 1) ? 'Tomorrow' : shortDate(day);
  return time ? `${name} ${time}` : name;
}

export function parseQuickAdd(input: string, options: QuickAddOptions): QuickAddResult {
  const skip = options.skip ?? new Set<ChipKind>();
  const today = localDay(options.now, options.timeZone);
  const result: QuickAddResult = { title: '', dueDay: null, dueTime: null, priority: null, listId: null, recurrence: null, chips: [] };
  let text = ` ${input} `;

  if (!skip.has('priority')) {
    const m = /\s(p([1-4]))(?=\s)/i.exec(text);
    if (m) {
      result.priority = Number(m[2]) as Priority;
      result.chips.push({ kind: 'priority', text: m[1], label: `P${m[2]}` });
      text = cut(text, m.index + 1, m[1].length);
    }
  }

  if (!skip.has('list')) {
    const re = /\s#([^\s#]+)/g;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const list = options.lists.find((l) => slug(l.name) === slug(m![1]));
      if (list) {
        result.listId = list.id;
        result.chips.push({ kind: 'list', text: `#${m[1]}`, label: `#${list.name}` });
        text = cut(text, m.index + 1, m[0].length - 1);
        break;
      }
    }
  }

  if (!skip.has('repeat')) {
    for (const { pattern, make } of REPEATS) {
      const m = pattern.exec(text);
      if (!m) continue;
      result.recurrence = make(m);
      result.chips.push({ kind: 'repeat', text: m[0].trim(), label: describeRecurrence(result.recurrence) });
      text = cut(text, m.index, m[0].length);
      break;
    }
  }

  if (!skip.has('due')) {
    const wall = wallClock(options.now, options.timeZone);
    const [found] = chrono.parse(text, { instant: wall, timezone: 0 }, { forwardDate: true });
    const s = found?.start;
    if (found && s && s.get('year') !== null && s.get('month') !== null && s.get('day') !== null) {
      if (s.isCertain('hour')) {
        let hour = s.get('hour') ?? 0;
        // "at 3" means the afternoon: nobody plans a task for 3 at night without saying so.
        if (!s.isCertain('meridiem') && hour >= 1 && hour <= 6) hour += 12;
        result.dueTime = `${pad(hour)}:${pad(s.get('minute') ?? 0)}`;
      }
      const timeOnly = !s.isCertain('day') && !s.isCertain('weekday') && !s.isCertain('month');
      if (timeOnly && result.dueTime) {
        // A time alone is the next such time: today if it is still ahead, else tomorrow (or the rule's next date).
        const nowTime = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`;
        const from = result.dueTime > nowTime ? today : addDays(today, 1);
        result.dueDay = result.recurrence ? firstDueDay(result.recurrence, from) : from;
      } else {
        result.dueDay = `${s.get('year')}-${pad(s.get('month')!)}-${pad(s.get('day')!)}`;
      }
      result.chips.push({ kind: 'due', text: found.text, label: dayLabel(result.dueDay, result.dueTime, today) });
      text = cut(text, found.index, found.text.length);
    }
  }

  // A repeat without a date starts on its first date from today on.
  if (result.recurrence && result.dueDay === null) result.dueDay = firstDueDay(result.recurrence, today);

  result.title = tidy(text);
  if (result.title === '') return { ...result, title: tidy(input), dueDay: null, dueTime: null, priority: null, listId: null, recurrence: null, chips: [] };
  return result;
}
