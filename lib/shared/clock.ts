/**
 * Time as a runtime sees it: the system's, or one a test drives (fake timers, a manual clock), or a
 * Worker's (lib/sync/clock.ts). The sync runtime and the server's push path both take one.
 */
export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (id) => globalThis.clearTimeout(id as ReturnType<typeof setTimeout>),
};
