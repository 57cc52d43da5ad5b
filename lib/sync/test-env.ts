import type { SseEvent } from '@/lib/shared/realtime';
import { systemClock } from './clock';
import { ConditionalFetcher } from './conditional-fetch';
import type { RelayMessage, SyncEnv } from './env';
import { LastFetchClock } from './last-fetch';
import type { Election } from './leader';
import { ActivityTracker, type LifecycleEvent, type LifecycleSource } from './lifecycle';
import { QueryRegistry } from './query-registry';
import { RealtimeClient, type EventSourceLike, type RealtimeMessage } from './sse-client';
import type { TabChannel } from './tab-channel';

/** A page lifecycle the test drives by hand: `emit('hidden')`, `emit({type:'pageshow', persisted:true})`. */
export class FakeLifecycle implements LifecycleSource {
  hidden = false;
  private readonly handlers = new Set<(e: LifecycleEvent) => void>();

  isHidden(): boolean {
    return this.hidden;
  }

  listen(handler: (e: LifecycleEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }

  emit(event: LifecycleEvent | Exclude<LifecycleEvent['type'], 'pageshow'>): void {
    const e = typeof event === 'string' ? ({ type: event } as LifecycleEvent) : event;
    if (e.type === 'hidden') this.hidden = true;
    if (e.type === 'visible') this.hidden = false;
    this.handlers.forEach((fn) => fn(e));
  }
}

export { memoryLastFetch } from './last-fetch';

export function fakeActivity(): ActivityTracker {
  return new ActivityTracker(systemClock, null);
}

/** A FIFO exclusive Web Locks manager shared by every "tab" of the test (one browser). */
export class FakeLockManager {
  private readonly queues = new Map<string, Array<() => void>>();
  private readonly held = new Set<string>();

  request(name: string, options: { signal?: AbortSignal }, callback: (lock: { name: string; mode: 'exclusive' }) => unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(new DOMException('The request was aborted.', 'AbortError'));
        return;
      }
      const queue = this.queues.get(name) ?? [];
      this.queues.set(name, queue);
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        // Like the real API: the callback runs in a later task and the lock is held until its promise settles.
        void Promise.resolve()
          .then(() => callback({ name, mode: 'exclusive' }))
          .then(resolve, reject)
          .finally(() => {
            this.held.delete(name);
            this.pump(name);
          });
      };
      const onAbort = () => {
        const i = queue.indexOf(grant);
        if (i < 0) return;
        queue.splice(i, 1);
        reject(new DOMException('The request was aborted.', 'AbortError'));
      };
      signal?.addEventListener('abort', onAbort);
      queue.push(grant);
      this.pump(name);
    });
  }

  private pump(name: string): void {
    const queue = this.queues.get(name);
    if (this.held.has(name) || !queue?.length) return;
    this.held.add(name);
    queue.shift()!();
  }
}

/** BroadcastChannel semantics between the tabs' endpoints: asynchronous, cloned, never to the sender. */
export function memoryBus<T>() {
  const endpoints = new Set<Set<(m: T) => void>>();
  return {
    open(): TabChannel<T> & { closed: () => boolean } {
      const listeners = new Set<(m: T) => void>();
      endpoints.add(listeners);
      let closed = false;
      return {
        post(message) {
          if (closed) throw new DOMException('BroadcastChannel is closed', 'InvalidStateError');
          for (const other of endpoints) {
            if (other === listeners) continue;
            const copy = structuredClone(message);
            void Promise.resolve().then(() => other.forEach((fn) => fn(copy)));
          }
        },
        subscribe(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close() {
          closed = true;
          endpoints.delete(listeners);
        },
        closed: () => closed,
      };
    },
  };
}

/** A Storage of its own, so a test can hand one "tab's" sessionStorage to several pages. */
export class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.data.set(key, String(value));
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  clear() {
    this.data.clear();
  }
  keys() {
    return [...this.data.keys()];
  }
}

/** An election whose candidate wins at once and keeps the lead until it resigns (one tab, or a test's choice). */
export function soleLeader(): (onChange: (leader: boolean) => void) => Election {
  return (onChange) => {
    let leader = false;
    return {
      stand() {
        if (leader) return;
        leader = true;
        onChange(true);
      },
      resign() {
        if (!leader) return;
        leader = false;
        onChange(false);
      },
      isLeader: () => leader,
    };
  };
}

export interface FakeEventSource extends EventSourceLike {
  url: string;
  closed: boolean;
  open(): void;
  fail(): void;
  send(event: Partial<SseEvent> & Pick<SseEvent, 'channel' | 'type'>, lastEventId?: string): void;
}

/** EventSources the test opens, fails and feeds by hand; `created` lists every one made. */
export function fakeEventSources() {
  const created: FakeEventSource[] = [];
  let ids = 0;
  const create = (url: string): EventSourceLike => {
    const source: FakeEventSource = {
      url,
      closed: false,
      readyState: 0,
      onopen: null,
      onmessage: null,
      onerror: null,
      close() {
        source.closed = true;
      },
      open() {
        source.onopen?.call(source as unknown as EventSource, new Event('open'));
      },
      fail() {
        source.onerror?.call(source as unknown as EventSource, new Event('error'));
      },
      send(partial, lastEventId = String(++ids)) {
        const event: SseEvent = {
          id: lastEventId,
          payload: null,
          sourceDeviceId: 'web-other',
          timestamp: new Date().toISOString(),
          changedScopes: [],
          ...partial,
        };
        source.onmessage?.call(source as unknown as EventSource, new MessageEvent('message', { data: JSON.stringify(event), lastEventId }));
      },
    };
    created.push(source);
    return source;
  };
  return { create, created, last: () => created.at(-1) };
}

/** A sync runtime for one test tab: the given fetch behind a conditional fetcher, fake lifecycle, system clock. */
export function testSyncEnv(o: {
  fetch: typeof fetch;
  userId?: string;
  deviceId?: string;
  session?: Storage;
  channel?: TabChannel<RelayMessage>;
  lifecycle?: FakeLifecycle;
}): SyncEnv & { lifecycle: FakeLifecycle } {
  const userId = o.userId ?? 'u1';
  const session = o.session ?? new MemoryStorage();
  return {
    userId,
    deviceId: o.deviceId ?? 'web-here',
    fetcher: new ConditionalFetcher({ userId, fetch: o.fetch, storage: session }),
    channel: o.channel ?? memoryBus<RelayMessage>().open(),
    clock: systemClock,
    hiddenClock: systemClock,
    lifecycle: o.lifecycle ?? new FakeLifecycle(),
    activity: new ActivityTracker(systemClock, null),
    session,
    scale: 1,
    lastFetch: new LastFetchClock(session, userId),
    queries: new QueryRegistry(),
  };
}

/** The realtime client of a test tab's user and device, sole leader of its own tab bus, on fake EventSources. */
export function testRealtime(env: Pick<SyncEnv, 'userId' | 'deviceId'>) {
  const sources = fakeEventSources();
  const realtime = new RealtimeClient({
    userId: env.userId,
    deviceId: env.deviceId,
    deviceLabel: 'Test',
    channel: memoryBus<RealtimeMessage>().open(),
    elect: soleLeader(),
    lifecycle: new FakeLifecycle(),
    createEventSource: sources.create,
  });
  return { realtime, sources };
}
