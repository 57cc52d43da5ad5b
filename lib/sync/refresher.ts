import type { Clock } from './clock';
import { pollIntervalFor, type RealtimeHealth, type SyncContract } from './contracts';
import type { LastFetchStore } from './last-fetch';
import type { ActivityTracker, LifecycleEvent, LifecycleSource } from './lifecycle';
import type { RealtimeState } from './sse-client';

export type { LastFetchStore } from './last-fetch';

export type RefreshReason = 'poll' | 'focus' | 'visible' | 'pageshow' | 'resume' | 'nudge' | 'connect' | 'resync';

/** The part of the realtime client a refresher listens to (its `onStatus` reports the current state at once). */
export interface RealtimeStatusSource {
  onStatus(fn: (state: RealtimeState) => void): () => void;
}

export interface RefresherOptions {
  contract: SyncContract;
  /** Fetches the data; the caller reports success through markFetched. */
  refresh: (reason: RefreshReason) => Promise<unknown> | void;
  clock: Clock;
  lifecycle: LifecycleSource;
  activity: ActivityTracker;
  lastFetch: LastFetchStore;
  /** The event stream, whose health picks between the contract's live and fallback polls; none = the contract's own poll. */
  realtime?: RealtimeStatusSource | null;
  /** Multiplies every duration of the contract (tests and benchmarks compress time). */
  scale?: number;
}

/**
 * Applies one sync contract: polls (slower when idle, as the event stream's health says), pauses when
 * hidden, refetches on focus, pageshow and nudges, and does nothing while disabled. Only the tab that
 * leads polls and answers nudges; every tab handles its own focus and visibility refetches.
 */
export class Refresher {
  private enabled = false;
  private leader = true;
  private paused = false;
  private timer: unknown = null;
  private scheduledIdle = false;
  private awaySince: number | null = null;
  private inFlight = false;
  private nudgedInFlight = false;
  /** A nudge this tab could not answer (not leading, disabled, in the cache) and no data has answered since. */
  private pendingSince: number | null = null;
  private lastAttempt = 0;
  private startedAt = 0;
  private realtime: RealtimeHealth = undefined;
  private readonly cleanups: (() => void)[] = [];
  private readonly scale: number;

  constructor(private readonly o: RefresherOptions) {
    this.scale = o.scale ?? 1;
  }

  start(enabled = true): void {
    if (this.cleanups.length === 0) {
      this.startedAt = this.o.clock.now();
      this.cleanups.push(this.o.lifecycle.listen((e) => this.onEvent(e)));
      const off = this.o.realtime?.onStatus((state) => {
        this.realtime = state === 'live' ? 'live' : 'down';
        this.schedule();
      });
      if (off) this.cleanups.push(off);
    }
    this.enabled = enabled;
    this.schedule();
  }

  dispose(): void {
    this.cleanups.splice(0).forEach((fn) => fn());
    this.enabled = false;
    this.clear();
  }

  setEnabled(enabled: boolean): void {
    if (enabled === this.enabled) return;
    this.enabled = enabled;
    this.answerPending();
  }

  setLeader(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.answerPending();
  }

  isLeader(): boolean {
    return this.leader;
  }

  /** Data arrived (this tab's fetch, another tab's relay, or a reload's cache): restart the clock. */
  markFetched(at: number): void {
    const prev = this.o.lastFetch.get();
    if (prev === null || at > prev) this.o.lastFetch.set(at);
    if (this.pendingSince !== null && at >= this.pendingSince) this.pendingSince = null;
    this.schedule();
  }

  /** Age of the data in ms (Infinity when never fetched). */
  age(): number {
    const at = this.o.lastFetch.get();
    return at === null ? Infinity : this.o.clock.now() - at;
  }

  /**
   * The data changed on the server: the leader refetches (its answer reaches the other tabs by
   * relay); any other tab waits for that relay, and refetches only if it comes to lead first.
   */
  nudge(reason: 'nudge' | 'connect' | 'resync' = 'nudge'): void {
    if (this.leader && this.live()) {
      if (this.inFlight) this.nudgedInFlight = true;
      else void this.fire(reason);
      return;
    }
    this.pendingSince ??= this.o.clock.now();
  }

  /** After a (re)connect what is stale may have missed events; after a server `resync` nothing shown can be trusted. */
  resync(reason: 'connect' | 'resync'): void {
    if (reason === 'resync' || this.isStale()) this.nudge(reason);
  }

  private answerPending(): void {
    if (this.pendingSince !== null && this.leader && this.live()) void this.fire('nudge');
    else this.schedule();
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

  /** The poll interval that applies now (scaled), or null when the contract does not poll now. */
  pollInterval({ hidden = this.o.lifecycle.isHidden() }: { hidden?: boolean } = {}): number | null {
    const idle = this.o.activity.isIdle(this.scale);
    const interval = pollIntervalFor(this.o.contract, { hidden, idle, realtime: this.realtime });
    return interval === null ? null : this.ms(interval);
  }

  private schedule(): void {
    this.clear();
    if (!this.live() || !this.leader) return;
    const interval = this.pollInterval();
    if (interval === null) return;
    this.scheduledIdle = this.o.activity.isIdle(this.scale);
    // Never fetched: the binding fetches on mount, so the first poll is an interval after the start.
    const base = Math.max(this.o.lastFetch.get() ?? this.startedAt, this.lastAttempt);
    const delay = Math.max(0, base + interval - this.o.clock.now());
    this.timer = this.o.clock.setTimeout(() => {
      this.timer = null;
      void this.fire('poll');
    }, delay);
  }

  private async fire(reason: RefreshReason): Promise<void> {
    if (!this.live() || this.inFlight) return;
    this.inFlight = true;
    this.lastAttempt = this.o.clock.now();
    this.pendingSince = null;
    this.clear();
    try {
      await this.o.refresh(reason);
    } catch {
      // A failed refresh keeps the old data; the next poll or trigger tries again.
    } finally {
      this.inFlight = false;
      // The request in flight may have been answered before the change the nudge announced.
      if (this.nudgedInFlight) {
        this.nudgedInFlight = false;
        void this.fire('nudge');
      } else this.schedule();
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
        else this.answerPending();
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
        if (threshold === null || !this.live()) return;
        // DESIGN.md's "on focus" column word for word: "refetch", "refetch if stale", "refetch after > N min away".
        const due = focusRefetchIfStale ? away !== null && this.isStale() : threshold === 0 || (away !== null && away > this.ms(threshold));
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
