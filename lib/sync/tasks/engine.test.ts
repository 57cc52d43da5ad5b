import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import type { SseEvent } from '@/lib/shared/realtime';
import { opEnvelopeSchema } from '@/lib/shared/schemas/oplog';
import type { Clock } from '../clock';
import { elect } from '../leader';
import type { RealtimeState } from '../sse-client';
import { FakeLifecycle, FakeLockManager, memoryBus } from '../test-env';
import { LIVE_SAFETY_PULL_MS, SyncEngine, type RealtimeSource } from './engine';
import type { NetworkSource } from './network';
import { openTaskStore } from './store';
import type { TasksTabMessage } from './tab-protocol';

const S = 1000;
type StoredOp = OpEnvelope & { serverSeq: number };

// --- One browser: fake timers for the engine, a shared lock manager and tab bus -------------------

/** The engine's clock, advanced by hand; IndexedDB and the fake server keep real (immediate) time. */
class FakeClock implements Clock {
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
async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

class FakeNetwork implements NetworkSource {
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

class FakeRealtime implements RealtimeSource {
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

// --- The server: the API of lib/server/tasks.ts in memory, with a real TaskDocument ---------------

interface Call {
  tab: string;
  method: string;
  path: string;
  status: number;
  pushed: number;
  duplicates?: number;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

class FakeServer {
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

interface Tab {
  name: string;
  engine: SyncEngine;
  lifecycle: FakeLifecycle;
  network: FakeNetwork;
  realtime: FakeRealtime;
}

let clock: FakeClock;
let server: FakeServer;
let bus: ReturnType<typeof memoryBus<TasksTabMessage>>;
let tabs: Tab[];
let ids: number;

function openTab(name: string, o: { realtime?: RealtimeState; online?: boolean; userId?: string } = {}): Tab {
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

async function ready(tab: Tab, leader = true): Promise<void> {
  await tab.engine.start();
  await vi.waitFor(() => expect(tab.engine.getState().leader).toBe(leader));
  await settle();
}

function close(tab: Tab): void {
  tab.engine.dispose();
  tabs = tabs.filter((t) => t !== tab);
}

const titles = (tab: Tab) => tab.engine.getState().lists.flatMap((l) => l.tasks.map((t) => t.title));
const serverTitles = () =>
  server
    .document()
    .lists()
    .flatMap((l) => l.tasks.map((t) => t.title));
const pushes = (tab?: string) => server.calls.filter((c) => c.path === '/api/tasks/sync' && (tab === undefined || c.tab === tab));

/** Another device of the same user (an actor of its own), writing straight to the server. */
function otherDevice() {
  return new TaskDocument({ actor: `other-device-${(ids += 1)}`, newId: () => `other${(ids += 1)}` });
}

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

describe('SyncEngine: durability', () => {
  it('keeps local ops across a reload before they were pushed, then pushes them once online', async () => {
    const first = openTab('a', { online: false });
    await ready(first);
    const listId = await first.engine.createList('Errands');
    await first.engine.addTask(listId, { title: 'Buy stamps', dueDay: '2026-03-10' });
    expect(first.engine.getState().pendingOps).toBe(2);
    close(first);
    expect(server.calls).toEqual([]);

    const reloaded = openTab('a2', { online: false });
    await ready(reloaded);
    expect(titles(reloaded)).toEqual(['Buy stamps']);
    expect(reloaded.engine.getState().pendingOps).toBe(2);

    reloaded.network.set(true);
    await vi.waitFor(() => expect(reloaded.engine.getState().pendingOps).toBe(0));
    expect(serverTitles()).toEqual(['Buy stamps']);
    expect(reloaded.engine.getState().counts).toEqual({ today: 1, overdue: 0, open: 1 });
  });

  it('applies a local op at once and resolves only after the op is in the IndexedDB outbox', async () => {
    const tab = openTab('a', { online: false });
    await ready(tab);
    const saved = tab.engine.createList('Home');
    expect(tab.engine.getState().lists.map((l) => l.name)).toEqual(['Home']);
    await saved;
    const store = await openTaskStore('user-1');
    expect((await store.outbox()).map((e) => e.op.payload.type)).toEqual(['createList']);
    store.close();
  });

  it('restores the saved document and cursor after a reload and pulls only what is newer', async () => {
    const first = openTab('a');
    await ready(first);
    const listId = await first.engine.createList('Work');
    await first.engine.addTask(listId, { title: 'Write report' });
    await vi.waitFor(() => expect(first.engine.getState().pendingOps).toBe(0));
    close(first);

    const other = otherDevice();
    server.receive([other.createList('Shared')]);
    server.calls.length = 0;
    const reloaded = openTab('a2');
    await ready(reloaded);
    await vi.waitFor(() => expect(reloaded.engine.getState().lists.map((l) => l.name)).toEqual(['Work', 'Shared']));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull']);
    expect(titles(reloaded)).toEqual(['Write report']);
  });
});

describe('SyncEngine: pushing', () => {
  it('pushes a large outbox in batches of at most 500 ops', async () => {
    const seed = new TaskDocument({ actor: 'seed-actor', newId: () => `seed${(ids += 1)}` });
    const big = seed.createList('Big');
    const ops: OpEnvelope[] = [big, seed.createList('Other')];
    for (let i = 0; i < 1199; i++) ops.push(seed.addTask(big.payload.listId, { title: `Task ${i}` }));
    const store = await openTaskStore('user-1');
    await store.append(ops);
    store.close();

    const tab = openTab('a');
    await ready(tab);
    // 1,201 ops through IndexedDB and three pushes: over vi.waitFor's default second on a slow machine.
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0), { timeout: 4_000 });
    expect(pushes().map((c) => c.pushed)).toEqual([500, 500, 201]);
    expect(server.opCount()).toBe(1201);
    expect(tab.engine.getState().lists.find((l) => l.name === 'Big')?.tasks).toHaveLength(1199);
  });

  it('retries a push failing with 503 after 1 s, 2 s and 4 s, then delivers it', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.calls.length = 0;
    server.fail(3, 503);
    await tab.engine.createList('Retry me');
    await vi.waitFor(() => expect(tab.engine.getState().error).toMatch(/Sync failed/));
    expect(pushes()).toHaveLength(1);

    for (const [delay, attempts] of [
      [1 * S, 2],
      [2 * S, 3],
      [4 * S, 4],
    ] as const) {
      await clock.advance(delay - 1);
      expect(pushes()).toHaveLength(attempts - 1);
      await clock.advance(1);
      await vi.waitFor(() => expect(pushes()).toHaveLength(attempts));
    }
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(pushes().map((c) => c.status)).toEqual([503, 503, 503, 200]);
    expect(tab.engine.getState().error).toBeNull();
  });

  it('shows offline after a network error and retries with backoff until the push gets through', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.fail(2, 'network');
    await tab.engine.createList('Flaky');
    await vi.waitFor(() => expect(tab.engine.getState().online).toBe(false));
    expect(tab.engine.getState().pendingOps).toBe(1);
    await clock.advance(1 * S);
    await clock.advance(2 * S);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(tab.engine.getState().online).toBe(true);
    expect(
      server
        .document()
        .lists()
        .map((l) => l.name),
    ).toEqual(['Flaky']);
  });

  it('treats a push the server already stored (answer lost, retry reports a duplicate) as acknowledged', async () => {
    const tab = openTab('a');
    await ready(tab);
    const listId = await tab.engine.createList('Once');
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));

    server.loseNextAnswer();
    await tab.engine.addTask(listId, { title: 'Only one copy' });
    await vi.waitFor(() => expect(tab.engine.getState().online).toBe(false));
    expect(server.opCount()).toBe(2);
    expect(tab.engine.getState().pendingOps).toBe(1);

    await clock.advance(1 * S);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(pushes().at(-1)).toMatchObject({ status: 200, duplicates: 1 });
    expect(server.opCount()).toBe(2);
    expect(titles(tab)).toEqual(['Only one copy']);
    expect(server.document().lists()).toEqual(tab.engine.getState().lists);
  });

  it('sets aside an op the server refuses by index and pushes the rest of the batch', async () => {
    const tab = openTab('a', { online: false });
    await ready(tab);
    const listId = await tab.engine.createList('Mixed');
    await tab.engine.addTask(listId, { title: 'refuse me' });
    await tab.engine.addTask(listId, { title: 'keep me' });
    server.refuseTitle = 'refuse me';
    tab.network.set(true);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(serverTitles()).toEqual(['keep me']);
    expect(tab.engine.getState().error).toMatch(/set aside/);
  });
});

describe('SyncEngine: cursor expiry', () => {
  it('re-bootstraps on 410, keeps the outbox on top of the new state and pushes it afterwards', async () => {
    const tab = openTab('a');
    await ready(tab);
    const listId = await tab.engine.createList('Garden');
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));

    const other = otherDevice();
    other.applyAll(server.ops());
    server.receive([other.addTask(listId, { title: 'Water the roses' })]);
    server.compact();
    server.retire(clientIdOf(tab));
    tab.network.set(false);
    await tab.engine.addTask(listId, { title: 'Mow the lawn' });
    server.calls.length = 0;

    tab.network.set(true);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(server.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /api/tasks/sync 410',
      'GET /api/sync/bootstrap 200',
      'POST /api/tasks/sync 200',
    ]);
    expect(titles(tab).sort()).toEqual(['Mow the lawn', 'Water the roses']);
    expect(serverTitles().sort()).toEqual(['Mow the lawn', 'Water the roses']);
  });
});

function clientIdOf(tab: Tab): string {
  return (tab.engine as unknown as { clientId: string }).clientId;
}

describe('SyncEngine: pulling', () => {
  it('pulls when an SSE tasks nudge arrives, and not otherwise while realtime is live', async () => {
    const tab = openTab('a', { realtime: 'live' });
    await ready(tab);
    server.calls.length = 0;
    server.receive([otherDevice().createList('From the phone')]);
    await clock.advance(120 * S);
    expect(server.calls).toEqual([]);

    tab.realtime.nudge();
    await vi.waitFor(() => expect(tab.engine.getState().lists.map((l) => l.name)).toEqual(['From the phone']));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull']);
  });

  it('polls every 30 s only while realtime is not live, and never while the page is hidden', async () => {
    const tab = openTab('a', { realtime: 'reconnecting' });
    await ready(tab);
    server.calls.length = 0;
    await clock.advance(30 * S);
    await clock.advance(30 * S);
    expect(server.calls).toHaveLength(2);

    tab.realtime.setStatus('live');
    await clock.advance(120 * S);
    expect(server.calls).toHaveLength(2);

    tab.realtime.setStatus('polling');
    tab.lifecycle.emit('hidden');
    await clock.advance(120 * S);
    expect(server.calls).toHaveLength(2);

    tab.lifecycle.emit('visible');
    await vi.waitFor(() => expect(server.calls).toHaveLength(3));
    await clock.advance(30 * S);
    expect(server.calls).toHaveLength(4);
  });

  it('while realtime is live, still pulls every 5 minutes, so a silently dead stream cannot leave the list stale', async () => {
    const tab = openTab('a', { realtime: 'live' });
    await ready(tab);
    server.calls.length = 0;
    // A change whose nudge never arrived.
    server.receive([otherDevice().createList('Missed nudge')]);
    await clock.advance(LIVE_SAFETY_PULL_MS - S);
    expect(server.calls).toEqual([]);
    await clock.advance(S);
    await vi.waitFor(() => expect(tab.engine.getState().lists.map((l) => l.name)).toEqual(['Missed nudge']));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull']);
    await clock.advance(LIVE_SAFETY_PULL_MS);
    await vi.waitFor(() => expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull', '/api/sync/pull']));
  });

  it('answers a repeated pull from the same cursor with 304 and applies nothing', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.calls.length = 0;
    tab.lifecycle.emit('focus');
    await vi.waitFor(() => expect(server.calls).toHaveLength(1));
    tab.lifecycle.emit('focus');
    await vi.waitFor(() => expect(server.calls).toHaveLength(2));
    expect(server.calls.map((c) => c.status)).toEqual([200, 304]);
    expect(tab.engine.getState().lastSyncedAt).toBe(clock.now());
  });

  it('pulls on window focus and on every realtime (re)connect', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.calls.length = 0;
    server.receive([otherDevice().createList('Seen on focus')]);
    tab.lifecycle.emit('focus');
    await vi.waitFor(() => expect(tab.engine.getState().lists).toHaveLength(1));

    server.receive([otherDevice().createList('Seen on resync')]);
    tab.realtime.resync();
    await vi.waitFor(() => expect(tab.engine.getState().lists).toHaveLength(2));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull', '/api/sync/pull']);
  });
});

describe('SyncEngine: tabs', () => {
  it('lets only the leader tab talk to the server while both tabs converge', async () => {
    const a = openTab('a');
    await ready(a, true);
    const b = openTab('b');
    await ready(b, false);

    const listId = await b.engine.createList('Shared by tabs');
    await vi.waitFor(() => expect(a.engine.getState().lists.map((l) => l.name)).toEqual(['Shared by tabs']));
    await vi.waitFor(() => expect(b.engine.getState().pendingOps).toBe(0));

    await a.engine.addTask(listId, { title: 'From tab A' });
    await vi.waitFor(() => expect(titles(b)).toEqual(['From tab A']));

    const other = otherDevice();
    other.applyAll(server.ops());
    server.receive([other.addTask(listId, { title: 'From the phone' })]);
    a.realtime.nudge();
    b.realtime.nudge();
    b.lifecycle.emit('focus');
    await vi.waitFor(() => expect(titles(b)).toEqual(['From tab A', 'From the phone']));
    await vi.waitFor(() => expect(a.engine.getState().pendingOps).toBe(0));

    expect(server.calls.length).toBeGreaterThan(0);
    expect(server.calls.filter((c) => c.tab !== 'a')).toEqual([]);
    expect(a.engine.getState().lists).toEqual(b.engine.getState().lists);
    expect(server.document().lists()).toEqual(a.engine.getState().lists);
  });

  it('hands the server over to the other tab when the leader closes', async () => {
    const a = openTab('a');
    await ready(a, true);
    const b = openTab('b');
    await ready(b, false);
    close(a);
    await vi.waitFor(() => expect(b.engine.getState().leader).toBe(true));

    await b.engine.createList('After the handover');
    await vi.waitFor(() => expect(b.engine.getState().pendingOps).toBe(0));
    expect(pushes('b')).toHaveLength(1);
    expect(
      server
        .document()
        .lists()
        .map((l) => l.name),
    ).toEqual(['After the handover']);
  });

  it('gives a new tab the leader’s in-memory state, including ops not yet saved to the snapshot', async () => {
    const a = openTab('a', { online: false });
    await ready(a, true);
    await a.engine.createList('Not pushed yet');
    const b = openTab('b');
    await ready(b, false);
    await vi.waitFor(() => expect(b.engine.getState().lists.map((l) => l.name)).toEqual(['Not pushed yet']));
    expect(b.engine.getState().pendingOps).toBe(1);
  });

  it('gives each tab its own actor so two tabs never stamp two ops alike', async () => {
    const a = openTab('a', { online: false });
    await ready(a, true);
    const b = openTab('b', { online: false });
    await ready(b, false);
    await Promise.all([a.engine.createList('One'), b.engine.createList('Two')]);
    const store = await openTaskStore('user-1');
    const stamps = (await store.outbox()).map((e) => `${e.op.actor}@${e.op.clock}`);
    store.close();
    expect(new Set(stamps).size).toBe(2);
  });
});
