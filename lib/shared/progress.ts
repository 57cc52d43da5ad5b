// What the Progress page shows and how each figure is defined: constants and types, no Zod, so the
// page loads no schema library for them (the query's schema is in schemas/progress.ts).
import type { XpProgress } from './xp';

/** The ranges the Progress page offers, in local days, today included. */
export const PROGRESS_RANGES = [7, 30, 90] as const;
export type ProgressRange = (typeof PROGRESS_RANGES)[number];
/** The range when none is asked for. */
export const PROGRESS_WINDOW_DAYS: ProgressRange = 30;

/**
 * What each Progress figure counts, in the words the cards show; the server computes each figure
 * exactly so (lib/server/domains/progress/service.ts), and the Progress tests hold both to it.
 */
export const PROGRESS_DEFINITIONS = {
  focus:
    'Focus time of the sessions you completed in the days shown (the last 7, 30 or 90, today included), on the day each started; a day’s minutes are rounded to the nearest minute and the total is the sum of the days. Abandoned and running sessions are neither focus time nor sessions.',
  habits:
    'Logs done of logs asked in the days shown. A daily habit asks for one log a day, a weekly one for its times per week pro rata (rounded to whole logs), from the day it began (made, or first logged) until today or until it was archived. Logs beyond what a habit asked do not count. The percentage is done ÷ asked, rounded down: 100% means nothing asked was missed.',
  quests: 'Quests you completed, ever; open quests are those not completed yet. Deleted quests count nowhere.',
  level: 'XP is the sum of the XP rewards of the quests you completed; going from level L to L + 1 takes 100 × L XP.',
  books: 'Books you marked finished, ever. Deleted books count nowhere.',
  reading: 'Minutes of the reading sessions you logged in the days shown.',
  mood: 'The average of the mood scores you logged in the days shown, of that many entries; a day’s bar is that day’s average.',
} as const;

export interface FocusDay {
  /** A local day, YYYY-MM-DD (users.timezone). */
  day: string;
  minutes: number;
}

export interface DayValue {
  /** A local day, YYYY-MM-DD (users.timezone). */
  day: string;
  value: number | null;
}

/** GET /api/progress: the signed-in user's figures; "the days shown" are their own calendar days. */
export interface ProgressSummary {
  today: string;
  /** First day of the window. */
  from: string;
  /** The window's length in days (7, 30 or 90). */
  days: ProgressRange;
  /** PROGRESS_DEFINITIONS.focus */
  focus: {
    /** One entry per day from `from` to `today`, oldest first; a completed session counts on the day it started. */
    days: FocusDay[];
    /** The sum of `days`' minutes. */
    totalMinutes: number;
    /** Completed sessions in the window. */
    sessions: number;
  };
  /** PROGRESS_DEFINITIONS.habits */
  habits: {
    /** Logs done in the window, each habit counted up to what it asked. */
    logged: number;
    /** Logs the habits asked for in the window, each habit's ask rounded to whole logs. */
    expected: number;
    /** Exactly logged ÷ expected (0…1); null without anything asked. */
    rate: number | null;
    /** The rate as a whole percentage, rounded down (what the card shows); null with `rate`. */
    percent: number | null;
  };
  /** PROGRESS_DEFINITIONS.quests */
  quests: { completed: number; open: number };
  /** PROGRESS_DEFINITIONS.level */
  xp: XpProgress;
  /** PROGRESS_DEFINITIONS.books and .reading */
  books: { finished: number; readingMinutes: number };
  /** PROGRESS_DEFINITIONS.mood: null average without entries. */
  mood: { average: number | null; entries: number };
  /** One value a day from `from` to `today`: habit logs, the mood's average (null: none), reading minutes. */
  series: { habits: DayValue[]; mood: DayValue[]; reading: DayValue[] };
}
