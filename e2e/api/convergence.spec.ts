import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBFactory } from 'fake-indexeddb';
import { expect, test } from '@playwright/test';
import { countTasks, TaskDocument, type ListView, type OpEnvelope } from '../../lib/shared/crdt';
import { addDays, localDay } from '../../lib/shared/days';
import { provideRepeatRules } from '../../lib/shared/recurrence';
import * as repeatRules from '../../lib/shared/repeat-rules';
import { seededRandom } from '../../lib/shared/crdt/testing/shuffle';
import { opEnvelopeSchema } from '../../lib/shared/schemas/oplog';
import type { SseEvent } from '../../lib/shared/realtime';
import { SyncEngine, type RealtimeSource } from '../../lib/sync/tasks/engine';
import { openTaskStore, type TaskStore } from '../../lib/sync/tasks/store';
import { BundleServer, freePort } from '../own-server';

// The engine loads the repeat rules with import() in a browser; Playwright's runner would reach
// rrule's ES module build untransformed, so the spec hands them over itself (decision 071).
provideRepeatRules(repeatRules);

// The op-log convergence test (seed 004): six real SyncEngines — four browsers of user A, two of
// user B, each with its own IndexedDB — edit at random against a real server over HTTP, through a
// network that duplicates pushes, loses answers after the commit and fails requests before sending,
// while the server restarts in the middle. After quiescence every replica equals the server's materialised state and every
// op a client made is in the log exactly once. CONVERGENCE_SEED=<n> replays one run's choices
// (the interleaving with the server still varies).

const USERS = { A: 4, B: 2 } as const;
type UserKey = keyof typeof USERS;
/** Edits per client in each phase: server up (at least), going down, down, starting, up again. */
const PHASES = [18, 6, 6, 6, 14];
const TIME_ZONE = 'UTC';

// --- Seeded randomness -----------------------------------------------------------------------------

type Rng = () => number;

const mulberry32: (seed: number) => Rng = seededRandom;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

// --- Accounts -------------------------------------------------------------------------------------

interface Account {
  key: UserKey;
  userId: string;
  apiKey: string;
}

async function signUpWithApiKey(base: string, key: UserKey, seed: number): Promise<Account> {
  const email = `convergence-${key.toLowerCase()}-${seed}-${Date.now().toString(36)}@example.test`;
  const password = `convergence ${key} password`;
  const json = { 'content-type': 'application/json' };
  const signup = await fetch(`${base}/api/auth/signup`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email, password, name: `Convergence ${key}`, timezone: TIME_ZONE }),
  });
  expect(signup.status, await signup.clone().text()).toBe(201);
  const { id } = (await signup.json()) as { id: string };
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const csrfCookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const login = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie },
    body: new URLSearchParams({ email, password, csrfToken, json: 'true' }),
    redirect: 'manual',
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c.includes('session-token'))
    .join('; ');
  expect(cookie).toContain('session-token');
  const created = await fetch(`${base}/api/api-keys`, {
    method: 'POST',
    headers: { ...json, cookie, origin: base },
    body: JSON.stringify({ label: `convergence ${key}` }),
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const { key: apiKey } = (await created.json()) as { key: string };
  return { key, userId: id, apiKey };
}

/** Plain, fault-free API calls for the checks (a client id of their own, never a replica's). */
function observer(base: string, account: Account) {
  const clientId = `observer-${account.key}`;
  const call = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${account.apiKey}`, 'content-type': 'application/json', 'x-device-id': clientId },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  return {
    /** The newest serverSeq of the user's log: an empty push answers it. */
    head: async () => ((await call('/api/sync/push', { method: 'POST', body: JSON.stringify({ clientId, ops: [] }) })) as { serverSeq: number }).serverSeq,
    /** Every op of the log, from 0, page by page. */
    async allOps(): Promise<(OpEnvelope & { serverSeq: number })[]> {
      const all: (OpEnvelope & { serverSeq: number })[] = [];
      let since = 0;
      for (;;) {
        const page = (await call(`/api/sync/pull?clientId=${clientId}&since=${since}&limit=5000`)) as {
          ops: (OpEnvelope & { serverSeq: number })[];
          serverSeq: number;
          hasMore: boolean;
        };
        all.push(...page.ops);
        if (!page.hasMore) return all;
        since = page.serverSeq;
      }
    },
    /** The server's state materialised from bootstrap (snapshots + newer ops) with the shared CRDT. */
    async materialised(): Promise<TaskDocument> {
      const boot = (await call(`/api/sync/bootstrap?clientId=${clientId}`)) as {
        snapshots: { scope: 'registry' | 'list'; resourceId: string; state: unknown }[];
        ops: unknown[];
      };
      const doc = new TaskDocument();
      for (const s of boot.snapshots) doc.loadResource(s.scope, s.resourceId, typeof s.state === 'string' ? s.state : JSON.stringify(s.state));
      doc.applyAll(boot.ops.map((raw) => opEnvelopeSchema.parse(withoutSeq(raw))));
      return doc;
    },
    counts: async () => call('/api/tasks/counts'),
  };
}

function withoutSeq(raw: unknown): unknown {
  const { serverSeq: _seq, ...op } = raw as Record<string, unknown>;
  return op;
}

// --- The faulty network between one browser and the server ----------------------------------------

interface FaultStats {
  requests: number;
  failedBeforeSending: number;
  answerLost: number;
  duplicated: number;
  /** Requests that found no server (it was restarting). */
  unreachable: number;
  /** Ops the server reported as duplicates in the answers to duplicated pushes. */
  serverDuplicates: number;
}

type Fault = 'none' | 'before' | 'lost' | 'duplicate' | 'duplicate-parallel';

/** What `fetch` throws when the network fails, here on purpose. */
class InjectedFault extends TypeError {
  constructor(what: string) {
    super(`fetch failed (injected: ${what})`);
  }
}

class FaultyNetwork {
  faulty = true;
  readonly stats: FaultStats = { requests: 0, failedBeforeSending: 0, answerLost: 0, duplicated: 0, unreachable: 0, serverDuplicates: 0 };
  /** Every client's first pushes get one fault of each kind, so each kind surely happens. */
  private readonly scripted: Fault[];
  private scriptedInFlight = 0;

  constructor(
    private readonly base: string,
    private readonly apiKey: string,
    private readonly rng: Rng,
    first: number,
    /** The server took new ops from this browser (it would publish a `tasks` change). */
    private readonly onAccepted: () => void,
  ) {
    const kinds: Fault[] = ['duplicate', 'lost', 'before'];
    this.scripted = [...kinds.slice(first % 3), ...kinds.slice(0, first % 3)];
  }

  /** True once this browser's scripted faults have all happened. */
  get scriptDone(): boolean {
    return this.scripted.length === 0 && this.scriptedInFlight === 0;
  }

  readonly fetch: typeof fetch = async (input, init = {}) => {
    this.stats.requests += 1;
    const push = init.method === 'POST';
    const scripted = this.faulty && push ? this.scripted.shift() : undefined;
    if (scripted === undefined) return this.inject(this.faulty ? this.roll(push) : 'none', input, init);
    this.scriptedInFlight += 1;
    try {
      return await this.inject(scripted, input, init);
    } catch (err) {
      // The server never saw it (it was down): the fault has not happened yet, the next push gets it.
      if (!(err instanceof InjectedFault)) this.scripted.unshift(scripted);
      throw err;
    } finally {
      this.scriptedInFlight -= 1;
    }
  };

  private async inject(fault: Fault, input: RequestInfo | URL, init: RequestInit): Promise<Response> {
    if (fault === 'before') {
      this.stats.failedBeforeSending += 1;
      throw new InjectedFault('never sent');
    }
    if (fault === 'duplicate' || fault === 'duplicate-parallel') {
      const [first, second] =
        fault === 'duplicate'
          ? [await this.send(input, init), await this.send(input, init)]
          : await Promise.all([this.send(input, init), this.send(input, init)]);
      this.stats.duplicated += 1;
      await Promise.all([this.countDuplicates(first), this.countDuplicates(second.clone())]);
      return second;
    }
    const res = await this.send(input, init);
    if (fault === 'lost') {
      // The server answered, so the push is committed; the browser never hears of it.
      await res.arrayBuffer();
      this.stats.answerLost += 1;
      throw new InjectedFault('answer lost');
    }
    return res;
  }

  private roll(push: boolean): Fault {
    const roll = this.rng();
    if (roll < 0.08) return 'before';
    if (roll < 0.16) return 'lost';
    if (push && roll < 0.22) return 'duplicate';
    if (push && roll < 0.26) return 'duplicate-parallel';
    return 'none';
  }

  private async send(input: RequestInfo | URL, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.apiKey}`);
    let res: Response;
    try {
      res = await fetch(new URL(String(input), this.base), { ...init, headers });
    } catch (err) {
      this.stats.unreachable += 1;
      throw err;
    }
    if (init.method === 'POST' && res.ok) {
      const body = (await res
        .clone()
        .json()
        .catch(() => null)) as { accepted?: number } | null;
      if ((body?.accepted ?? 0) > 0) this.onAccepted();
    }
    return res;
  }

  private async countDuplicates(res: Response): Promise<void> {
    const body = (await res.json().catch(() => null)) as { duplicates?: number } | null;
    this.stats.serverDuplicates += body?.duplicates ?? 0;
  }
}

/**
 * Stands in for the SSE stream (lib/sync/sse-client): once the server accepted ops from one browser,
 * the user's other browsers hear a `tasks` event and pull, so pulls race with other browsers' pushes.
 * It never reports `live`, so the engines keep their fallback poll, which retries during the restart.
 */
class Nudges {
  private readonly listeners = new Set<{ userId: string; name: string; fn: (event: SseEvent) => void }>();

  constructor(private readonly rng: Rng) {}

  source(userId: string, name: string): RealtimeSource {
    return {
      on: (_channel, fn) => {
        const listener = { userId, name, fn };
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
      },
      onResync: () => () => {},
      onStatus: () => () => {},
    };
  }

  accepted(userId: string, from: string): void {
    const event: SseEvent = {
      id: '0',
      channel: 'tasks',
      type: 'changed',
      payload: null,
      sourceDeviceId: from,
      timestamp: new Date().toISOString(),
      changedScopes: ['tasks'],
    };
    for (const l of this.listeners) if (l.userId === userId && l.name !== from) setTimeout(() => l.fn(event), this.rng() * 50);
  }
}

// --- One browser: a real SyncEngine on its own IndexedDB ------------------------------------------

interface Browser {
  name: string;
  account: Account;
  idb: IDBFactory;
  /** Every op this browser made, as it reached its outbox. */
  made: OpEnvelope[];
  /** Ops the server refused and the engine set aside (there must be none). */
  setAside: OpEnvelope[];
}

interface Client extends Browser {
  engine: SyncEngine;
  net: FaultyNetwork;
  rng: Rng;
  edits: number;
}

/** `openTaskStore` opens its database on the global factory, synchronously: point it at this browser's. */
function openStoreIn(idb: IDBFactory, userId: string): Promise<TaskStore> {
  const shared = globalThis.indexedDB;
  globalThis.indexedDB = idb;
  try {
    return openTaskStore(userId);
  } finally {
    globalThis.indexedDB = shared;
  }
}

/** The store the engine gets: the real one, noting each op made and each op set aside. */
async function recordingStore(client: Browser): Promise<TaskStore> {
  const store = await openStoreIn(client.idb, client.account.userId);
  return {
    clientId: () => store.clientId(),
    renewClientId: () => store.renewClientId(),
    loadState: () => store.loadState(),
    append: async (ops) => {
      await store.append(ops);
      client.made.push(...ops);
    },
    outbox: (limit) => store.outbox(limit),
    outboxCount: () => store.outboxCount(),
    commit: (change) => store.commit(change),
    reject: async (entry, reason) => {
      client.setAside.push(entry.op);
      await store.reject(entry, reason);
    },
    close: () => store.close(),
  };
}

function makeEngine(client: Browser, fetchImpl: typeof fetch, rng: Rng, realtime: RealtimeSource | null): SyncEngine {
  return new SyncEngine({
    userId: client.account.userId,
    deviceId: `convergence-${client.name}`,
    openStore: () => recordingStore(client),
    // One tab per browser: no other tab to talk to, and it always leads.
    channel: { post() {}, subscribe: () => () => {}, close() {} },
    elect: (onChange) => {
      let leader = false;
      const set = (next: boolean) => {
        if (next !== leader) onChange((leader = next));
      };
      return { stand: () => set(true), resign: () => set(false), isLeader: () => leader };
    },
    lifecycle: { isHidden: () => false, listen: () => () => {} },
    network: { isOnline: () => true, listen: () => () => {} },
    realtime,
    // The fallback poll every 1.5 s instead of 30 s.
    scale: 0.05,
    fetch: fetchImpl,
    random: rng,
    timeZone: TIME_ZONE,
  });
}

/** One random edit through the engine's public API, as the Tasks page would make it. */
async function randomEdit(c: Client): Promise<void> {
  const { rng } = c;
  const n = ++c.edits;
  // A repeating task's add and completion are several ops (the task and its details, the next occurrence).
  const before = c.made.length;
  await randomEditOf(c, rng, n);
  c.edits += Math.max(0, c.made.length - before - 1);
}

async function randomEditOf(c: Client, rng: Rng, n: number): Promise<void> {
  const label = `${c.name}#${n}`;
  const today = localDay(Date.now(), TIME_ZONE);
  const day = () => (rng() < 0.25 ? null : addDays(today, Math.floor(rng() * 7) - 3));
  const lists = c.engine.getState().lists;
  if (lists.length === 0 || (lists.length < 4 && rng() < 0.08)) {
    await c.engine.createList(`List ${label}`);
    return;
  }
  const list = pick(rng, lists);
  const tasks = list.tasks;
  const roll = rng();
  if (tasks.length === 0 || roll < 0.25) {
    const anchor = tasks.length > 0 && rng() < 0.5 ? pick(rng, tasks).id : undefined;
    const placement = anchor === undefined ? {} : rng() < 0.5 ? { after: anchor } : { before: anchor };
    if (rng() < 0.25) {
      // Repeating, so that clients complete the same occurrence concurrently: one next occurrence each time.
      await c.engine.addTaskWithDetails(list.id, {
        title: `Daily ${label}`,
        dueDay: today,
        priority: 2,
        recurrence: { rule: 'FREQ=DAILY', from: 'due' },
        ...placement,
      });
      return;
    }
    await c.engine.addTask(list.id, {
      title: `Task ${label}`,
      ...(rng() < 0.3 ? { notes: `Notes ${label}` } : {}),
      ...(rng() < 0.5 ? { dueDay: day() } : {}),
      ...placement,
    });
    return;
  }
  const task = pick(rng, tasks);
  if (roll < 0.38) await c.engine.editTask(list.id, task.id, { title: `Title ${label}` });
  else if (roll < 0.46) await c.engine.editTask(list.id, task.id, { notes: rng() < 0.2 ? '' : `Notes ${label}` });
  else if (roll < 0.58) await c.engine.setDue(list.id, task.id, day());
  else if (roll < 0.7) await (task.completed ? c.engine.setCompleted(list.id, task.id, false) : c.engine.completeTask(list.id, task.id, today));
  else if (roll < 0.82) {
    const others = tasks.filter((t) => t.id !== task.id);
    const anchor = others.length > 0 ? pick(rng, others).id : undefined;
    await c.engine.moveTask(list.id, task.id, anchor === undefined ? {} : rng() < 0.5 ? { after: anchor } : { before: anchor });
  } else if (roll < 0.9) await c.engine.deleteTask(list.id, task.id);
  else if (roll < 0.95) await c.engine.renameList(list.id, `Renamed ${label}`);
  else if (roll < 0.98 || lists.length < 3) await c.engine.archiveList(list.id, !list.archived);
  else await c.engine.deleteList(list.id);
}

/** `count` edits per client; with `untilScripted`, more until the client's scripted faults all happened. */
async function edit(clients: Client[], count: number, { untilScripted = false } = {}): Promise<void> {
  await Promise.all(
    clients.map(async (c) => {
      for (let i = 0; i < count || (untilScripted && !c.net.scriptDone && i < count * 10); i++) {
        await randomEdit(c);
        // Pacing between a person's edits, so pushes, retries and other clients interleave.
        await new Promise((r) => setTimeout(r, c.rng() * 160));
      }
    }),
  );
}

/** What the browser has on disk: the snapshot and cursor a reload starts from. */
async function persisted(c: Client) {
  const store = await openStoreIn(c.idb, c.account.userId);
  try {
    return { state: await store.loadState(), outbox: await store.outboxCount() };
  } finally {
    store.close();
  }
}

const opKey = (op: OpEnvelope) => `${op.actor}|${op.clock}|${op.scope}|${op.resourceId}`;
const ids = (lists: ListView[]) => new Set(lists.flatMap((l) => [l.id, ...l.tasks.map((t) => t.id)]));
const idsOf = (op: OpEnvelope) => (op.scope === 'registry' ? [op.payload.listId] : [op.resourceId, op.payload.taskId]);

test('six browsers converge on the server state through duplicated pushes, lost answers and a restart, losing no op', async ({}, testInfo) => {
  test.setTimeout(240_000);
  const given = process.env.CONVERGENCE_SEED;
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  if (!Number.isSafeInteger(seed)) throw new Error(`CONVERGENCE_SEED must be an integer, not ${given}`);
  console.log(`convergence seed ${seed} (replay with CONVERGENCE_SEED=${seed})`);
  testInfo.annotations.push({ type: 'seed', description: String(seed) });
  const master = mulberry32(seed);

  const root = mkdtempSync(join(tmpdir(), 'passion-convergence-'));
  // A free port, not a fixed one: other runs on a shared machine may hold any fixed port.
  const server = new BundleServer(await freePort(), join(root, 'data'), join(root, 'server.log'), {
    // The op-inventory check pulls the whole log from 0: no compaction may prune it meanwhile.
    OPLOG_COMPACT_INTERVAL_MS: '0',
  });
  const clients: Client[] = [];
  const started = Date.now();
  let passed = false;
  try {
    // A stray server on the port would answer the health check in place of ours.
    expect(await fetch(`${server.url}/api/health`).catch(() => null), `${server.url} is free`).toBeNull();
    await server.start();
    const accounts = { A: await signUpWithApiKey(server.url, 'A', seed), B: await signUpWithApiKey(server.url, 'B', seed) };
    const nudges = new Nudges(mulberry32(Math.floor(master() * 2 ** 32)));
    for (const key of ['A', 'B'] as const) {
      for (let i = 1; i <= USERS[key]; i++) {
        const browser: Browser = { name: `${key}${i}`, account: accounts[key], idb: new IDBFactory(), made: [], setAside: [] };
        const net = new FaultyNetwork(server.url, accounts[key].apiKey, mulberry32(Math.floor(master() * 2 ** 32)), clients.length, () =>
          nudges.accepted(browser.account.userId, browser.name),
        );
        const engine = makeEngine(browser, net.fetch, mulberry32(Math.floor(master() * 2 ** 32)), nudges.source(browser.account.userId, browser.name));
        clients.push({ ...browser, engine, net, rng: mulberry32(Math.floor(master() * 2 ** 32)), edits: 0 });
      }
    }
    await Promise.all(clients.map((c) => c.engine.start()));
    for (const c of clients) expect(c.engine.getState(), `${c.name} runs on IndexedDB`).toMatchObject({ ready: true, leader: true, error: null });

    // Edits with faults; then the server goes away while the clients keep editing, and comes back.
    const timeline: string[] = [];
    const mark = (what: string) => timeline.push(`${what} ${((Date.now() - started) / 1000).toFixed(1)}s`);
    mark('ready');
    await edit(clients, PHASES[0], { untilScripted: true });
    for (const c of clients) expect(c.net.scriptDone, `${c.name} met each kind of fault while the server was up`).toBe(true);
    mark('edited');
    await Promise.all([server.stop(), edit(clients, PHASES[1])]);
    mark('stopped');
    const unreachableBefore = clients.reduce((sum, c) => sum + c.net.stats.unreachable, 0);
    await edit(clients, PHASES[2]);
    server.spawn();
    await Promise.all([server.ready(), edit(clients, PHASES[3])]);
    mark('restarted');
    await edit(clients, PHASES[4]);
    mark('edited');

    // Quiescence: no more faults; every client syncs until its outbox is empty and its cursor is the head.
    for (const c of clients) c.net.faulty = false;
    const observers = { A: observer(server.url, accounts.A), B: observer(server.url, accounts.B) };
    const lagging = async (): Promise<string[]> => {
      await Promise.all(clients.map((c) => c.engine.syncNow()));
      const heads = { A: await observers.A.head(), B: await observers.B.head() };
      const behind: string[] = [];
      for (const c of clients) {
        const { state, outbox } = await persisted(c);
        const head = heads[c.account.key];
        if (outbox > 0 || c.engine.getState().pendingOps > 0 || state?.cursor !== head)
          behind.push(`${c.name}: outbox ${outbox}, cursor ${state?.cursor} of ${head}`);
      }
      return behind;
    };
    await expect.poll(lagging, { timeout: 120_000, intervals: [100, 250, 500, 1000] }).toEqual([]);
    mark('quiescent');

    for (const key of ['A', 'B'] as const) {
      const mine = clients.filter((c) => c.account.key === key);
      const doc = await observers[key].materialised();
      const lists = doc.lists();
      const snapshot = doc.toSnapshot();

      // Every replica — in memory and on disk — equals the server's materialised state.
      for (const c of mine) {
        expect(c.engine.getState().error, `${c.name} reports no error`).toBeNull();
        expect(c.engine.getState().lists, `${c.name} shows the server's lists`).toEqual(lists);
        expect((await persisted(c)).state?.snapshot, `${c.name} stored the server's state`).toBe(snapshot);
        expect(c.setAside, `${c.name} had no op refused`).toEqual([]);
      }

      // The server's own materialisation (its cached document, rebuilt after the restart) agrees.
      for (;;) {
        const today = localDay(Date.now(), TIME_ZONE);
        const counts = await observers[key].counts();
        if (today !== localDay(Date.now(), TIME_ZONE)) continue;
        expect(counts, `${key}'s counts`).toEqual(countTasks(lists, today));
        break;
      }

      // No op lost, none doubled, none foreign: the log holds exactly the ops the clients made.
      const made = new Map<string, OpEnvelope>();
      for (const op of mine.flatMap((c) => c.made)) {
        expect(made.has(opKey(op)), `op ${opKey(op)} made once`).toBe(false);
        made.set(opKey(op), op);
      }
      expect(made.size, `${key}: every op of every edit (one, or a repeating task’s several)`).toBe(mine.reduce((sum, c) => sum + c.edits, 0));
      const logged = await observers[key].allOps();
      const seqs = logged.map((op) => op.serverSeq);
      expect(new Set(seqs).size, `${key}: serverSeqs are unique`).toBe(seqs.length);
      expect(seqs, `${key}: the log is in serverSeq order`).toEqual([...seqs].sort((a, b) => a - b));
      expect(logged.map((op) => opKey(op)).sort(), `${key}: the log holds each op made, exactly once`).toEqual([...made.keys()].sort());
      for (const op of logged) expect(withoutSeq(op), `${key}: op ${opKey(op)} as made`).toEqual(made.get(opKey(op)));
    }

    // User B never sees anything of user A (and the other way round).
    const of = (key: UserKey) => clients.filter((c) => c.account.key === key);
    const shown = (key: UserKey) => of(key).flatMap((c) => [...ids(c.engine.getState().lists)]);
    const madeIds = (key: UserKey) => new Set(of(key).flatMap((c) => c.made.flatMap(idsOf)));
    expect(
      shown('B').filter((id) => madeIds('A').has(id)),
      "B's browsers show none of A's lists or tasks",
    ).toEqual([]);
    expect(
      shown('A').filter((id) => madeIds('B').has(id)),
      "A's browsers show none of B's lists or tasks",
    ).toEqual([]);
    const actorsOf = (key: UserKey) => new Set(of(key).flatMap((c) => c.made.map((op) => op.actor)));
    expect(
      (await observers.B.allOps()).filter((op) => actorsOf('A').has(op.actor)),
      "B's log holds none of A's ops",
    ).toEqual([]);

    // The faults really happened: each kind, the dedupe on the server, and the downtime.
    const total = (k: keyof FaultStats) => clients.reduce((sum, c) => sum + c.net.stats[k], 0);
    expect(total('duplicated')).toBeGreaterThanOrEqual(clients.length);
    expect(total('answerLost')).toBeGreaterThanOrEqual(clients.length);
    expect(total('failedBeforeSending')).toBeGreaterThanOrEqual(clients.length);
    expect(total('serverDuplicates'), 'the server deduped repeated pushes').toBeGreaterThan(0);
    expect(total('unreachable') - unreachableBefore, 'requests failed while the server was down').toBeGreaterThan(0);

    // A reload of each browser, offline, shows the same state from IndexedDB alone.
    const expected = new Map(clients.map((c) => [c.name, c.engine.getState().lists]));
    for (const c of clients) c.engine.dispose();
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed (offline)');
    };
    const reloaded = clients.map((c) => ({ c, engine: makeEngine(c, offline, () => 0.5, null) }));
    try {
      await Promise.all(reloaded.map(({ engine }) => engine.start()));
      for (const { c, engine } of reloaded) expect(engine.getState().lists, `${c.name} after a reload`).toEqual(expected.get(c.name));
    } finally {
      for (const { engine } of reloaded) engine.dispose();
    }

    const stats = Object.fromEntries(
      (['requests', 'duplicated', 'answerLost', 'failedBeforeSending', 'unreachable', 'serverDuplicates'] as const).map((k) => [k, total(k)]),
    );
    console.log(
      `convergence: ${clients.length} clients, ${clients.reduce((s, c) => s + c.made.length, 0)} ops; ${timeline.join(', ')}; ${JSON.stringify(stats)}`,
    );
    passed = true;
  } catch (err) {
    console.log(`convergence seed ${seed}; data and server log in ${root}; its tail:\n${server.logTail()}`);
    throw err;
  } finally {
    for (const c of clients) c.engine.dispose();
    await server.stop();
    // A failed run keeps its data folder and server log for a look.
    if (passed) rmSync(root, { recursive: true, force: true });
  }
});
