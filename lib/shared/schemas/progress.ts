import type { XpProgress } from '../xp';

/** How many local days the Progress page looks back over, today included. */
export const PROGRESS_WINDOW_DAYS = 30;

export interface FocusDay {
  /** A local day, YYYY-MM-DD (users.timezone). */
  day: string;
  minutes: number;
}

/** GET /api/progress: the signed-in user's figures; "last 30 days" are their own calendar days. */
export interface ProgressSummary {
  today: string;
  /** First day of the window. */
  from: string;
  focus: {
    /** One entry per day from `from` to `today`, oldest first; a session counts on the day it started. */
    days: FocusDay[];
    totalMinutes: number;
    sessions: number;
  };
  habits: {
    /** Logs in the window. */
    logged: number;
    /** Logs the habits' goals asked for in the window (weekly goals pro rata), rounded. */
    expected: number;
    /** 0…1, each habit counted up to its goal; null without habits to track. */
    rate: number | null;
  };
  quests: { completed: number; open: number };
  xp: XpProgress;
  books: { finished: number; readingMinutes: number };
}
