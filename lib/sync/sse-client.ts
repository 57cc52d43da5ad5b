import type { SseEvent } from '@/lib/shared/realtime';
import { systemClock, type Clock } from './clock';
import type { Election } from './leader';
import { leadAcrossLifecycle, type Leadership } from './leadership';
import type { LifecycleSource } from './lifecycle';
import type { TabChannel } from './tab-channel';

export type RealtimeState = 'connecting' | 'live' | 'reconnecting' | 'polling';

/**
 * Why queries should be brought up to date: `connect` — a (re)connect, after which what is stale
 * may have missed events; `resync` — the server says events were lost, so nothing shown can be trusted.
 */
export type ResyncReason = 'connect' | 'resync';

export type RealtimeMessage =
  | { kind: 'sse-event'; userId: string; event: SseEvent }
  | { kind: 'sse-status'; userId: string; state: RealtimeState }
  | { kind: 'sse-resync'; userId: string; reason: ResyncReason }
  | { kind: 'sse-hello'; userId: string };

type Handler = (event: SseEvent) => void;

export interface EventSourceLike {
  readonly readyState: number;
  onopen: ((this: EventSource, ev: Event) => unknown) | null;
  onmessage: ((this: EventSource, ev: MessageEvent) => unknown) | null;
  onerror: ((this: EventSource, ev: Event) => unknown) | null;
  close(): void;
}

export interface RealtimeClientOptions {
  userId: string;
  deviceId: string;
  deviceLabel: string;
  channel: TabChannel<RealtimeMessage>;
  elect: (onChange: (leader: boolean) => void) => Election;
  lifecycle: LifecycleSource;
  createEventSource?: (url: string) => EventSourceLike;
  clock?: Clock;
  random?: () => number;
  /** After this many failed connects in a row the indicator says "polling only". */
  failuresBeforePolling?: number;
}

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 30_000;

/**
 * One EventSource per browser (seed 003's sseClient, DESIGN.md "Realtime"): the leader tab holds
 * the stream and relays every event to the other tabs over the tab channel, so ten tabs use one
 * connection. Reconnects with exponential backoff and jitter, closes on pagehide, and reports
 * every (re)connect and `resync` so callers refetch what is time-sensitive.
 */
export class RealtimeClient {
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly statusListeners = new Set<(s: RealtimeState) => void>();
  private readonly resyncListeners = new Set<(reason: ResyncReason) => void>();
  private state: RealtimeState = 'connecting';
  private source: EventSourceLike | null = null;
  private leader = false;
  private failures = 0;
  private retryTimer: unknown = null;
  private lastEventId: string | null = null;
  private leadership: Leadership | null = null;
  private readonly cleanups: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(private readonly o: RealtimeClientOptions) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
  }

  on(channel: string, handler: Handler): () => void {
    let set = this.handlers.get(channel);
    if (!set) this.handlers.set(channel, (set = new Set()));
    set.add(handler);
    return () => this.off(channel, handler);
  }

  off(channel: string, handler: Handler): void {
    this.handlers.get(channel)?.delete(handler);
  }

  onStatus(fn: (s: RealtimeState) => void): () => void {
    this.statusListeners.add(fn);
    fn(this.state);
    return () => this.statusListeners.delete(fn);
  }

  /** Called on every (re)connect and on `resync`: refetch what may have been missed. */
  onResync(fn: (reason: ResyncReason) => void): () => void {
    this.resyncListeners.add(fn);
    return () => this.resyncListeners.delete(fn);
  }

  status(): RealtimeState {
    return this.state;
  }

  isLeader(): boolean {
    return this.leader;
  }

  start(): void {
    this.cleanups.push(this.o.channel.subscribe((m) => this.onTabMessage(m)));
    // An open EventSource or a held lock can keep the page out of the back/forward cache: resigning closes the stream.
    this.leadership = leadAcrossLifecycle({
      elect: this.o.elect,
      lifecycle: this.o.lifecycle,
      onChange: (leader) => this.setLeader(leader),
      onReturn: () => {
        // Status messages sent while this page was away were lost: ask the leader again.
        if (!this.leader) this.o.channel.post({ kind: 'sse-hello', userId: this.o.userId });
      },
    });
    this.o.channel.post({ kind: 'sse-hello', userId: this.o.userId });
  }

  stop(): void {
    this.leadership?.dispose();
    this.leadership = null;
    this.leader = false;
    this.disconnect();
    this.cleanups.splice(0).forEach((fn) => fn());
    // A stopped client (sign-out, another user) holds no BroadcastChannel open; start() reopens it.
    this.o.channel.close();
  }

  private setLeader(leader: boolean): void {
    this.leader = leader;
    if (leader && this.pageAlive()) {
      // The old leader's state (say 'live') described its stream, not this one, which is not open yet.
      this.failures = 0;
      this.setState('connecting');
      this.connect();
    } else this.disconnect();
  }

  private pageAlive(): boolean {
    return this.leadership?.isPageAlive() ?? true;
  }

  private url(): string {
    const q = new URLSearchParams({ deviceId: this.o.deviceId, deviceLabel: this.o.deviceLabel });
    if (this.lastEventId) q.set('lastEventId', this.lastEventId);
    return `/api/events?${q}`;
  }

  private connect(): void {
    this.disconnect();
    const create = this.o.createEventSource ?? ((url: string) => new EventSource(url, { withCredentials: true }));
    const source = create(this.url());
    this.source = source;
    source.onopen = () => {
      if (this.source !== source) return;
      this.failures = 0;
      this.setState('live');
      this.resync('connect');
    };
    source.onmessage = (msg: MessageEvent<string>) => {
      if (this.source !== source) return;
      let event: SseEvent;
      try {
        event = JSON.parse(msg.data) as SseEvent;
      } catch {
        return;
      }
      if (msg.lastEventId) this.lastEventId = msg.lastEventId;
      if (event.channel === 'resync') {
        this.resync('resync');
        return;
      }
      // Events caused by this browser were applied locally already.
      if (event.sourceDeviceId === this.o.deviceId) return;
      this.dispatch(event);
      this.o.channel.post({ kind: 'sse-event', userId: this.o.userId, event });
    };
    source.onerror = () => {
      if (this.source !== source) return;
      // Our own backoff replaces the browser's fixed retry; Last-Event-ID travels in the query.
      source.close();
      this.source = null;
      this.failures += 1;
      this.setState(this.failures >= (this.o.failuresBeforePolling ?? 3) ? 'polling' : 'reconnecting');
      const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (this.failures - 1));
      this.retryTimer = this.clock.setTimeout(
        () => {
          this.retryTimer = null;
          if (this.leader && this.pageAlive()) this.connect();
        },
        delay / 2 + this.random() * (delay / 2),
      );
    };
  }

  private disconnect(): void {
    if (this.retryTimer !== null) this.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.source?.close();
    this.source = null;
  }

  private resync(reason: ResyncReason): void {
    this.resyncListeners.forEach((fn) => fn(reason));
    this.o.channel.post({ kind: 'sse-resync', userId: this.o.userId, reason });
  }

  private setState(state: RealtimeState): void {
    if (state === this.state) return;
    this.state = state;
    this.statusListeners.forEach((fn) => fn(state));
    if (this.leader) this.o.channel.post({ kind: 'sse-status', userId: this.o.userId, state });
  }

  /** Channel handlers first: what they apply to the cache, the `*` scope invalidation then skips. */
  private dispatch(event: SseEvent): void {
    this.handlers.get(event.channel)?.forEach((fn) => fn(event));
    this.handlers.get('*')?.forEach((fn) => fn(event));
  }

  private onTabMessage(m: RealtimeMessage): void {
    if (m.userId !== this.o.userId) return;
    if (m.kind === 'sse-hello') {
      if (this.leader) this.o.channel.post({ kind: 'sse-status', userId: this.o.userId, state: this.state });
      return;
    }
    if (this.leader) return;
    if (m.kind === 'sse-event') {
      this.lastEventId = m.event.id;
      this.dispatch(m.event);
    } else if (m.kind === 'sse-resync') {
      // A tab of an older build sends no reason: treat it as a reconnect.
      this.resyncListeners.forEach((fn) => fn(m.reason === 'resync' ? 'resync' : 'connect'));
    } else if (m.kind === 'sse-status' && m.state !== this.state) {
      this.state = m.state;
      this.statusListeners.forEach((fn) => fn(m.state));
    }
  }
}
