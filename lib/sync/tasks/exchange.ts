import type { Clock } from '../clock';
import { ApiError } from '../conditional-fetch';
import { NetworkError } from './api';
import type { NetworkSource } from './network';
import type { ExchangeHooks, ExchangeResult, ServerSync } from './server-sync';
import type { SharedStatus } from './tab-protocol';

export const SAVE_DELAY_MS = 1000;
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 60_000;

export interface ExchangeLoopOptions {
  clock: Clock;
  random: () => number;
  network: NetworkSource;
  server: () => ServerSync;
  disposed: () => boolean;
  /** This tab leads: only then is the document saved. */
  leading: () => boolean;
  /** What each round trip needs: stop when no longer leading, show what was pulled. */
  hooks: ExchangeHooks;
  /** The leader's sync status changed (shown by every tab). */
  status: (patch: Partial<SharedStatus>) => void;
  /** A cycle reached the server. */
  synced: (result: ExchangeResult) => void;
  /** After every cycle, whatever its outcome. */
  settled: () => void;
}

/**
 * The leader tab's sync cycles: one at a time (a trigger during a cycle runs one more round), and
 * after a failure a retry with exponential backoff and jitter — but none after a 401, which only
 * signing in again can fix.
 */
export class ExchangeLoop {
  private cycle: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private saveTimer: unknown = null;

  constructor(private readonly o: ExchangeLoopOptions) {}

  /** While backing off, the retry carries new ops: every edit must not hammer a failing server. */
  backingOff(): boolean {
    return this.retryTimer !== null;
  }

  run(): Promise<void> {
    if (this.cycle) {
      this.again = true;
      return this.cycle;
    }
    this.stopRetry();
    this.cycle = (async () => {
      try {
        do {
          this.again = false;
          await this.once();
        } while (this.again && this.o.hooks.active());
      } finally {
        this.cycle = null;
      }
    })();
    return this.cycle;
  }

  /**
   * Pushes at once: other devices should see an edit within a second. A burst still goes out in
   * few requests, since edits made while a push is in flight ride in the cycle's next round.
   */
  pushSoon(): void {
    this.saveTimer ??= this.o.clock.setTimeout(() => {
      this.saveTimer = null;
      this.save();
    }, SAVE_DELAY_MS);
    if (!this.backingOff()) void this.run();
  }

  /** Drops a pending retry and saves a pending snapshot now (the tab stopped leading, or the page is going away). */
  stop(): void {
    this.stopRetry();
    if (this.saveTimer === null) return;
    this.o.clock.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
  }

  private stopRetry(): void {
    if (this.retryTimer !== null) this.o.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** The outbox holds every local op; the snapshot only makes the next load faster. */
  private save(): void {
    if (this.o.leading())
      this.o
        .server()
        .save()
        .catch(() => {});
  }

  private async once(): Promise<void> {
    if (!this.o.hooks.active()) return;
    if (!this.o.network.isOnline()) {
      this.o.status({ online: false, syncing: false });
      return;
    }
    this.o.status({ syncing: true });
    try {
      const result = await this.o.server().exchange(this.o.hooks);
      if (this.o.disposed()) return;
      this.failures = 0;
      const unreadable = result.unreadable ? 'Some changes from your other devices need a newer version of the app: reload the page.' : null;
      this.o.status({ syncing: false, online: true, lastSyncedAt: this.o.clock.now(), error: unreadable });
      this.o.synced(result);
    } catch (err) {
      if (!this.o.disposed()) this.failed(err);
    } finally {
      this.o.settled();
    }
  }

  private failed(err: unknown): void {
    let message: string | null;
    let retry = true;
    if (err instanceof NetworkError) {
      message = null;
      this.o.status({ online: false });
    } else if (err instanceof ApiError && err.status === 401) {
      message = 'You are signed out: sign in again to sync your tasks.';
      retry = false;
    } else {
      message = `Sync failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (retry) {
      this.failures += 1;
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failures - 1));
      this.stopRetry();
      this.retryTimer = this.o.clock.setTimeout(
        () => {
          this.retryTimer = null;
          void this.run();
        },
        delay / 2 + this.random(delay),
      );
    }
    this.o.status({ syncing: false, error: message });
  }

  private random(delay: number): number {
    return this.o.random() * (delay / 2);
  }
}
