import type { Clock } from './clock';
import { pollIntervalFor, type SyncContract } from './contracts';
import type { ActivityTracker, LifecycleEvent, LifecycleSource } from './lifecycle';

export type RefreshReason = 'poll' | 'focus' | 'visible' | 'pageshow' | 'resume';

export interface LastFetchStore {
  get(): number | null;
  set(at: number): void;
}

export interface RefresherOptions {
  contract: SyncContract;
  /** Fetches the data; the caller reports success through markFetched. */
  refresh: (reason: RefreshReason) => Promise<unknown> | void;
  clock: Clock;
  lifecycle: LifecycleSource;
  activity: ActivityTracker;
  lastFetch: LastFetchStore;
  /** Multiplies every duration of the contract (tests and benchmarks compress time). */
  scale?: number;
}

/**
 * Applies one sync contract: polls at the contract's interval (slower when idle), pauses when
 * hidden if the contract allows, refetches on focus after the threshold away, stops on pagehide
 * and soft-refreshes on pageshow when stale, and does nothing while disabled. Only the tab that
 * leads a poller polls; every tab handles its own focus and visibility refetches.
 */
export class Refresher {
  private enabled = false;
  private leader = true;
  private paused = false;
  private timer: unknown = null;
  private scheduledIdle = false;
  private awaySince: number | null = null;
  private inFlight = false;
  private lastAttempt = 0;
  private unlisten: (() => void) | null = null;
  private readonly scale: number;

  constructor(private readonly o: RefresherOptions) {
    this.scale = o.scale ?? 1;
  }

  start(enabled = true): void {
    this.unlisten ??= this.o.lifecycle.listen((e) => this.onEvent(e));
    this.enabled = enabled;
    this.schedule();
  }

  dispose(): void {
    this.unlisten?.();
    this.unlisten = null;
    this.enabled = false;
    this.clear();
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.schedule();
  }

  setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.schedule();
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Data arrived (this tab's fetch, another tab's relay, or a reload's cache): restart the clock. */
  markFetched(at: number): void {
    const prev = this.o.lastFetch.get();
    if (prev === null || at > prev) this.o.lastFetch.set(at);
    this.schedule();
  }

  /** Age of the data in ms (Infinity when never fetched). */
  age(): number {
    const at = this.o.lastFetch.get();
    return at === null ? Infinity : this.o.clock.now() - at;
  }

  private ms(duration: number): number {
    return duration * this.scale;
  }

  private live(): boolean {
    return this.enabled && !this.paused;
  }

  private clear(): void {
    if (this.timer !== null) this.o.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    this.clear();
    if (!this.live() || !this.leader) return;
    const idle = this.o.activity.isIdle(this.scale);
    const interval = pollIntervalFor(this.o.contract, { hidden: this.o.lifecycle.isHidden(), idle });
    if (interval === null) return;
    this.scheduledIdle = idle;
    const base = Math.max(this.o.lastFetch.get() ?? 0, this.lastAttempt);
    const delay = Math.max(0, base + this.ms(interval) - this.o.clock.now());
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = null;
      void this.fire('poll');
    }, delay);
  }

  private async fire(reason: RefreshReason): Promise<void> {
    if (!this.live() || this.inFlight) return;
    this.inFlight = true;
    this.lastAttempt = this.o.clock.now();
    this.clear();
    try {
      await this.o.refresh(reason);
    } catch {
      // A failed refresh keeps the old data; the next poll or trigger tries again.
    } finally {
      this.inFlight = false;
      this.schedule();
    }
  }

  private isStale(): boolean {
    const { staleMs } = this.o.contract;
    return staleMs !== null && this.age() >= this.ms(staleMs);
  }

  private onEvent(e: LifecycleEvent): void {
    const now = this.o.clock.now();
    switch (e.type) {
      case 'pagehide':
      case 'freeze':
        this.paused = true;
        this.clear();
        return;
      case 'pageshow':
      case 'resume':
        if (e.type === 'pageshow' && !e.persisted) return;
        this.paused = false;
        if (this.isStale()) void this.fire(e.type);
        else this.schedule();
        return;
      case 'hidden':
        this.awaySince ??= now;
        this.schedule();
        return;
      case 'blur':
        this.awaySince ??= now;
        return;
      case 'visible':
        if (this.o.contract.refetchOnVisible && this.isStale()) void this.fire('visible');
        else this.schedule();
        return;
      case 'focus': {
        const away = this.awaySince === null ? null : now - this.awaySince;
        this.awaySince = null;
        const { focusRefetchAfterMs: threshold, focusRefetchIfStale } = this.o.contract;
        if (threshold === null || away === null || !this.live()) return;
        // DESIGN.md's "on focus" column word for word: "refetch", "refetch if stale", "refetch after > N min away".
        const due = focusRefetchIfStale ? this.isStale() : threshold === 0 || away > this.ms(threshold);
        if (due) void this.fire('focus');
        return;
      }
      case 'activity':
        this.o.activity.record();
        // Back from idle: the slower idle interval no longer applies.
        if (this.scheduledIdle && this.timer !== null) this.schedule();
        return;
    }
  }
}
