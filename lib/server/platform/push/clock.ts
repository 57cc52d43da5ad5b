import 'server-only';

/** Time as the push path sees it; tests inject a manual clock to cross 20-minute and 60-second windows at once. */
export interface PushClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

// Push timers are housekeeping: they never keep a process (a CLI, a test worker) alive on their own.
export const systemClock: PushClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
};
