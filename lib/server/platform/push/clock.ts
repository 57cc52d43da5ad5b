import 'server-only';
import { systemClock as wallClock, type Clock } from '@/lib/shared/clock';

/** Time as the push path sees it; tests inject a manual clock to cross 20-minute and 60-second windows at once. */
export type PushClock = Clock;

// Push timers are housekeeping: they never keep a process (a CLI, a test worker) alive on their own.
export const systemClock: PushClock = { ...wallClock, setTimeout: (fn, ms) => setTimeout(fn, ms).unref() };
