/**
 * When the outbox is delivered (use-outbox.tsx): now, on every `trigger()` (the tab starts, the
 * browser comes back online), and after a round that left writes behind, with growing delays. One
 * round at a time; a trigger that comes during a round — which may have read the outbox before the
 * write that caused it — starts one more round when it ends, never nothing.
 */
export interface DeliveryRoundsEnv {
  /** One delivery round; resolves to how many writes still wait. */
  round: () => Promise<number>;
  /** False while the browser says it is offline: no retry timer then, the 'online' trigger comes. */
  online: () => boolean;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/** Retry delays after a round that left writes behind (the server failed or the network is flaky). */
export const RETRY_MS = [2_000, 5_000, 15_000, 60_000];

export interface DeliveryRounds {
  /** Deliver now (or right after the round that is running). */
  trigger: () => void;
  /** A write was kept while the browser claims to be online: try again soon, unless a round or retry is already coming. */
  soon: () => void;
  stop: () => void;
}

export function deliveryRounds(env: DeliveryRoundsEnv): DeliveryRounds {
  let stopped = false;
  let running = false;
  let again = false;
  let attempt = 0;
  let timer: unknown = null;

  const cancelTimer = () => {
    if (timer !== null) env.clearTimeout(timer);
    timer = null;
  };
  const retryLater = () => {
    timer = env.setTimeout(run, RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
  };

  async function run(): Promise<void> {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    cancelTimer();
    let pending = 1;
    try {
      pending = await env.round();
    } catch {
      // The round failed as a whole (storage unavailable): what waits stays, and is tried again.
    } finally {
      running = false;
    }
    if (stopped) return;
    if (again) {
      attempt = 0;
      void run();
    } else if (pending > 0 && env.online()) retryLater();
    else attempt = 0;
  }

  return {
    trigger: () => {
      attempt = 0;
      void run();
    },
    soon: () => {
      if (!stopped && !running && timer === null && env.online()) retryLater();
    },
    stop: () => {
      stopped = true;
      cancelTimer();
    },
  };
}
