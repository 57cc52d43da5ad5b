import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import type { SseEvent } from '@/lib/shared/realtime';
import { opEnvelopeSchema } from '@/lib/shared/schemas/oplog';
import type { Clock } from '../clock';
import { elect } from '../leader';
import type { RealtimeState } from '../sse-client';
import { FakeLifecycle, FakeLockManager, memoryBus } from '../test-env';
import { SyncEngine, type RealtimeSource } from './engine';
import type { NetworkSource } from './network';
import { openTaskStore } from './store';
import type { TasksTabMessage } from './tab-protocol';

export const S = 1000;
type StoredOp = OpEnvelope & { serverSeq: number };

/** The engine's clock, advanced by hand; IndexedDB and the fake server keep real (immediate) time. */
export class FakeClock implements Clock {
  private t = Date.parse('2026-03-10T09:00:00Z');
  private next = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now(): number {
    return this.t;
  }

  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.t + ms, fn });
    return id;
  }

  clearTimeout(id: unknown): void {
    this.timers.delete(id as number);
  }

  /** Moves time forward, firing each timer due on the way and letting its async work run. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      const due = [...this.timers].filter(([, timer]) => timer.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.t = Math.max(this.t, due[1].at);
      due[1].fn();
      await settle();
    }
    this.t = end;
    await settle();
  }
}

/** Lets IndexedDB transactions and fake fetches finish (they run on real immediate timers). */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

export class FakeNetwork implements NetworkSource {
  online = true;
  private readonly handlers = new Set<(online: boolean) => void>();
  isOnline = () => this.online;
  listen(handler: (online: boolean) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  set(online: boolean): void {
    this.online = online;
    this.handlers.forEach((fn) => fn(online));
  }
}

export class FakeRealtime implements RealtimeSource {
  private readonly handlers = new Set<(e: SseEvent) => void>();
  private readonly resyncs = new Set<() => void>();
  private readonly statuses = new Set<(s: RealtimeState) => void>();

  constructor(private state: RealtimeState) {}

  on(_channel: string, handler: (e: SseEvent) => void): () => void {
    this.handlers.add(handler);
    return () => this.handlers.delete(handler);
  }
  onResync(fn: () => void): () => void {
    this.resyncs.add(fn);
    return () => this.resyncs.delete(fn);
  }
  onStatus(fn: (s: RealtimeState) => void): () => void {
    this.statuses.add(fn);
    fn(this.state);
    return () => this.statuses.delete(fn);
  }
  setStatus(state: RealtimeState): void {
    this.state = state;
    this.statuses.forEach((fn) => fn(state));
  }
  resync(): void {
    this.resyncs.forEach((fn) => fn());
  }
  nudge(): void {
    const event: SseEvent = {
      id: '1',
      channel: 'tasks',
      type: 'changed',
      payload: { scope: 'tasks', hints: { todayCountChanged: false, changedScopes: ['tasks'] } },
      sourceDeviceId: 'web-other',
      timestamp: new Date().toISOString(),
      changedScopes: ['tasks'],
    };
    this.handlers.forEach((fn) => fn(event));
  }
}

// --- The server: the API of lib/server/domains/tasks/service.ts in memory, with a real TaskDocument ---------------

interface Call {
  tab: string;
  method: string;
  path: string;
  status: number;
  pushed: number;
  duplicates?: number;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

export class FakeServer {
  readonly calls: Call[] = [];
  private log: StoredOp[] = [];
  private readonly keys = new Set<string>();
  private seq = 0;
  private floor = 0;
  private snapshots: { scope: 'registry' | 'list'; resourceId: string; uptoServerSeq: number; state: string }[] = [];
  private readonly retired = new Set<string>();
  private readonly failures: ('network' | number)[] = [];
  /** Applies the next push but loses its answer, like a connection dropped after the commit. */
  private dropNextAnswer = false;
  /** Titles the server refuses, naming the op in a 400 like the route's validation. */
  refuseTitle: string | null = null;

  fail(times: number, how: 'network' | number): void {
    for (let i = 0; i < times; i++) this.failures.push(how);
  }

  loseNextAnswer(): void {
    this.dropNextAnswer = true;
  }

  retire(clientId: string): void {
    this.retired.add(clientId);
  }

  /** Snapshots every resource and prunes the whole log: every cursor below the head now gets 410. */
  compact(): void {
    const doc = this.document();
    this.snapshots = doc
      .resources()
      .map(({ scope, resourceId }) => ({ scope, resourceId, uptoServerSeq: this.seq, state: doc.snapshotResource(scope, resourceId) }));
    this.floor = this.seq;
    this.log = [];
  }

  /** Another device's ops, straight into the log. */
  receive(ops: OpEnvelope[]): void {
    for (const op of ops) this.store(op);
  }

  document(): TaskDocument {
    const doc = new TaskDocument();
    for (const s of this.snapshots) doc.loadResource(s.scope, s.resourceId, s.state);
    doc.applyAll(this.log);
    return doc;
  }

  opCount(): number {
    return this.log.length;
  }

  /** Every op in the log, for seeding another device's replica. */
  ops(): OpEnvelope[] {
    return this.log.map(({ serverSeq: _seq, ...op }) => op as OpEnvelope);
  }

  fetchFor(tab: string): typeof fetch {
    return (async (input: RequestInfo | URL, init?: RequestInit) => {
      await Promise.resolve();
      const url = new URL(String(input), 'http://test');
      const method = init?.method ?? 'GET';
      const body = init?.body ? (JSON.parse(String(init.body)) as { clientId: string; since: number; ops: unknown[] }) : null;
      const call: Call = { tab, method, path: url.pathname, status: 0, pushed: body?.ops?.length ?? 0 };
      this.calls.push(call);
      const failure = this.failures.shift();
      if (failure === 'network') {
        call.status = -1;
        throw new TypeError('Failed to fetch');
      }
      const res =
        failure !== undefined
          ? json(failure, { error: { code: 'unavailable', message: 'Try again' } })
          : this.route(url, method, body, new Headers(init?.headers));
      call.status = res.status;
      if (res.ok && method === 'POST') call.duplicates = ((await res.clone().json()) as { duplicates: number }).duplicates;
      if (this.dropNextAnswer && method === 'POST') {
        this.dropNextAnswer = false;
        call.status = -1;
        throw new TypeError('Failed to fetch');
      }
      return res;
    }) as typeof fetch;
  }

  private route(url: URL, method: string, body: { clientId: string; since: number; ops: unknown[] } | null, headers: Headers): Response {
    if (method === 'POST' && url.pathname === '/api/tasks/sync' && body) {
      if (this.retired.has(body.clientId)) return this.expired();
      if (body.ops.length > 1000) return json(413, { error: { code: 'payload_too_large', message: 'At most 1000 ops' } });
      const ops: OpEnvelope[] = [];
      for (const [i, raw] of body.ops.entries()) {
        const parsed = opEnvelopeSchema.safeParse(raw);
        const title = parsed.success && 'title' in parsed.data.payload ? parsed.data.payload.title : null;
        if (!parsed.success || (this.refuseTitle !== null && title === this.refuseTitle)) {
          return json(400, {
            error: { code: 'validation_failed', message: 'Invalid op', issues: [{ path: ['ops', i, 'payload', 'title'], message: 'Refused' }] },
          });
        }
        ops.push(parsed.data);
      }
      const before = this.seq;
      ops.forEach((op) => this.store(op));
      const accepted = this.seq - before;
      if (body.since < this.floor) return this.expired();
      return json(200, { accepted, duplicates: ops.length - accepted, ...this.page(body.since, 500) });
    }
    if (method === 'GET' && url.pathname === '/api/sync/pull') {
      const clientId = url.searchParams.get('clientId')!;
      const since = Number(url.searchParams.get('since'));
      if (this.retired.has(clientId) || since < this.floor) return this.expired();
      const etag = `"${since}-${this.seq}"`;
      if (headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
      return json(200, this.page(since, Number(url.searchParams.get('limit') ?? 500)), { ETag: etag });
    }
    if (method === 'GET' && url.pathname === '/api/sync/bootstrap') {
      this.retired.delete(url.searchParams.get('clientId')!);
      const from = this.snapshots.length ? Math.min(...this.snapshots.map((s) => s.uptoServerSeq)) : 0;
      return json(200, { snapshots: this.snapshots, ops: this.log.filter((op) => op.serverSeq > from), serverSeq: this.seq });
    }
    return json(404, { error: { code: 'not_found', message: 'No such route' } });
  }

  private page(since: number, limit: number) {
    const newer = this.log.filter((op) => op.serverSeq > since);
    const ops = newer.slice(0, limit);
    const hasMore = newer.length > limit;
    return { ops, hasMore, serverSeq: hasMore ? ops[ops.length - 1].serverSeq : Math.max(since, this.seq) };
  }

  private expired(): Response {
    return json(410, { error: { code: 'cursor_expired', message: 'Bootstrap again' } });
  }

  private store(op: OpEnvelope): void {
    const key = `${op.actor}|${op.clock}|${op.scope}|${op.resourceId}`;
    if (this.keys.has(key)) return;
    this.keys.add(key);
    this.log.push({ ...op, serverSeq: ++this.seq });
  }
}

// --- Tabs -------------------------------------------------------------------------------------

export interface Tab {
  name: string;
  engine: SyncEngine;
  lifecycle: FakeLifecycle;
  network: FakeNetwork;
  realtime: FakeRealtime;
}

// One browser per test (`oneBrowserPerTest`): the engines' clock, the server, the tab bus and the open tabs.
export let clock: FakeClock;
export let server: FakeServer;
let bus: ReturnType<typeof memoryBus<TasksTabMessage>>;
let tabs: Tab[];
let ids: number;

export function openTab(name: string, o: { realtime?: RealtimeState; online?: boolean; userId?: string } = {}): Tab {
  const userId = o.userId ?? 'user-1';
  const lifecycle = new FakeLifecycle();
  const network = new FakeNetwork();
  network.online = o.online ?? true;
  const realtime = new FakeRealtime(o.realtime ?? 'live');
  const engine = new SyncEngine({
    userId,
    deviceId: `web-${name}`,
    openStore: () => openTaskStore(userId),
    channel: bus.open(),
    elect: (onChange) => elect(`pos-tasks:${userId}`, onChange),
    lifecycle,
    realtime,
    network,
    fetch: server.fetchFor(name),
    clock,
    random: () => 1,
    timeZone: 'Europe/Berlin',
    newId: () => `id${(ids += 1)}${name}`,
  });
  const tab = { name, engine, lifecycle, network, realtime };
  tabs.push(tab);
  return tab;
}

export async function ready(tab: Tab, leader = true): Promise<void> {
  await tab.engine.start();
  await vi.waitFor(() => expect(tab.engine.getState().leader).toBe(leader));
  await settle();
}

export function close(tab: Tab): void {
  tab.engine.dispose();
  tabs = tabs.filter((t) => t !== tab);
}

export const titles = (tab: Tab) => tab.engine.getState().lists.flatMap((l) => l.tasks.map((t) => t.title));
export const serverTitles = () =>
  server
    .document()
    .lists()
    .flatMap((l) => l.tasks.map((t) => t.title));
export const serverListNames = () =>
  server
    .document()
    .lists()
    .map((l) => l.name);
export const pushes = (tab?: string) => server.calls.filter((c) => c.path === '/api/tasks/sync' && (tab === undefined || c.tab === tab));

/** Every message the tabs post from now on, as a tab that only listens would see them. */
export function eavesdrop(): TasksTabMessage[] {
  const heard: TasksTabMessage[] = [];
  bus.open().subscribe((m) => heard.push(m));
  return heard;
}

/** A fresh id for the test's own documents. */
export const nextId = () => (ids += 1);

/** Another device of the same user (an actor of its own), writing straight to the server. */
export function otherDevice() {
  return new TaskDocument({ actor: `other-device-${(ids += 1)}`, newId: () => `other${(ids += 1)}` });
}

/** Gives each test a fresh IndexedDB, Web Locks manager, clock, server and tab bus. */
export function oneBrowserPerTest(): void {
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    Object.defineProperty(navigator, 'locks', { value: new FakeLockManager(), configurable: true });
    clock = new FakeClock();
    server = new FakeServer();
    bus = memoryBus<TasksTabMessage>();
    tabs = [];
    ids = 0;
  });

  afterEach(async () => {
    tabs.forEach((t) => t.engine.dispose());
    await settle();
    delete (navigator as { locks?: unknown }).locks;
  });
}
