import type { SseEvent } from '@/lib/shared/realtime';
import type { Clock } from '../clock';
import { contracts } from '../contracts';
import type { LastFetchStore } from '../last-fetch';
import type { Election } from '../leader';
import { leadAcrossLifecycle, type Leadership } from '../leadership';
import { ActivityTracker, type LifecycleSource } from '../lifecycle';
import { Refresher, type RefreshReason } from '../refresher';
import type { RealtimeState } from '../sse-client';
import type { NetworkSource } from './network';
import type { SyncReason } from './tab-protocol';

/** The part of lib/sync's RealtimeClient the engine listens to. */
export interface RealtimeSource {
  on(channel: string, handler: (event: SseEvent) => void): () => void;
  onResync(fn: () => void): () => void;
  onStatus(fn: (state: RealtimeState) => void): () => void;
}

export interface SyncTriggersOptions {
  clock: Clock;
  lifecycle: LifecycleSource;
  network: NetworkSource;
  realtime?: RealtimeSource | null;
  elect: (onChange: (leader: boolean) => void) => Election;
  /** The leader's last sync, as this tab knows it. */
  lastSync: LastFetchStore;
  scale: number;
  /** Something asks for a sync now: the engine runs it (leader) or forwards it (follower). */
  request: (reason: SyncReason) => void;
  onLeader: (leader: boolean) => void;
  /** Back from the back/forward cache or a freeze: messages sent meanwhile were lost. */
  onReturn: () => void;
  onNetwork: (online: boolean) => void;
}

const isTasksEvent = (event: SseEvent) => event.channel === 'tasks' || (event.changedScopes ?? []).includes('tasks');

const asSyncReason = (reason: RefreshReason): SyncReason =>
  reason === 'pageshow' ? 'resume' : reason === 'connect' ? 'resync' : (reason as Exclude<RefreshReason, 'pageshow' | 'connect'>);

/**
 * When the tasks engine syncs: the tasks contract through the same Refresher as every contract (polls,
 * focus, visible-if-stale, pageshow), SSE nudges and (re)connects, the browser coming online — and
 * which tab leads across the page lifecycle.
 */
export class SyncTriggers {
  private readonly refresher: Refresher;
  private leadership: Leadership | null = null;
  private readonly cleanups: (() => void)[] = [];

  constructor(private readonly o: SyncTriggersOptions) {
    // Every visible tab polls; a follower's poll asks the leader, which pulls at most once per half interval.
    this.refresher = new Refresher({
      contract: contracts.tasks,
      clock: o.clock,
      lifecycle: o.lifecycle,
      activity: new ActivityTracker(o.clock, null),
      lastFetch: o.lastSync,
      realtime: o.realtime,
      scale: o.scale,
      refresh: (reason) => o.request(asSyncReason(reason)),
    });
  }

  start(): void {
    const { realtime } = this.o;
    this.cleanups.push(this.o.network.listen((online) => this.o.onNetwork(online)));
    if (realtime) {
      // Every tab hears every event (the SSE leader relays them); only the tasks leader acts on it.
      this.cleanups.push(realtime.on('*', (event) => this.ifLeading(isTasksEvent(event) ? 'nudge' : null)));
      this.cleanups.push(realtime.onResync(() => this.ifLeading('resync')));
    }
    this.refresher.start();
    this.leadership = leadAcrossLifecycle({ elect: this.o.elect, lifecycle: this.o.lifecycle, onChange: this.o.onLeader, onReturn: this.o.onReturn });
  }

  dispose(): void {
    this.leadership?.dispose();
    this.cleanups.splice(0).forEach((fn) => fn());
    this.refresher.dispose();
  }

  isLeader(): boolean {
    return this.leadership?.isLeader() ?? false;
  }

  isPageAlive(): boolean {
    return this.leadership?.isPageAlive() ?? true;
  }

  /** The leader synced at `at` (this tab's cycle, or the leader's status message). */
  synced(at: number): void {
    this.refresher.markFetched(at);
  }

  /** The contract's poll interval for a visible page now (30 s, or 5 min while the stream is live), scaled. */
  pollInterval(): number {
    return this.refresher.pollInterval({ hidden: false }) ?? 0;
  }

  private ifLeading(reason: SyncReason | null): void {
    if (reason && this.isLeader()) this.o.request(reason);
  }
}
