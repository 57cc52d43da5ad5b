import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from './conditional-fetch';
import { Outbox, isQueuedOffline, type OutboxEnv } from './outbox';

interface Sent {
  method: string;
  url: string;
  key: string | null;
  body: unknown;
}

/** A fake network: answers from `answer` while `up`, a TypeError (as fetch gives offline) otherwise. */
function network() {
  const sent: Sent[] = [];
  const state = {
    up: true,
    online: true,
    lockHeld: false,
    answer: (_s: Sent): Response => new Response(JSON.stringify({ ok: true }), { status: 200, headers: { 'Content-Type': 'application/json' } }),
  };
  const env: OutboxEnv = {
    fetch: async (input, init) => {
      if (!state.up) throw new TypeError('Failed to fetch');
      const headers = new Headers(init?.headers);
      const s = { method: String(init?.method), url: String(input), key: headers.get('Idempotency-Key'), body: JSON.parse(String(init?.body)) };
      sent.push(s);
      return state.answer(s);
    },
    online: () => state.online,
    exclusive: async (_name, work) => (state.lockHeld ? null : work()),
  };
  return { sent, state, env };
}

let users = 0;
const newUser = () => `user-${++users}`;
const write = (url: string, body: unknown = {}) => ({ key: crypto.randomUUID(), method: 'POST' as const, url, body, deviceId: 'device-1' });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('Outbox', () => {
  it('sends at once while online, with the write’s Idempotency-Key, and keeps nothing', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    const w = write('/api/habits/h1/log');
    await expect(outbox.send(w)).resolves.toEqual({ ok: true });
    expect(net.sent).toEqual([{ method: 'POST', url: '/api/habits/h1/log', key: w.key, body: {} }]);
    expect(outbox.pending).toBe(0);
  });

  it('throws a refusal as ApiError and keeps nothing of it', async () => {
    const net = network();
    net.state.answer = () => new Response(JSON.stringify({ error: { code: 'conflict', message: 'Already logged' } }), { status: 409 });
    const outbox = new Outbox(newUser(), net.env);
    const error: unknown = await outbox.send(write('/api/habits/h1/log')).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect(outbox.pending).toBe(0);
  });

  it('keeps writes made offline in order, across a reload, and delivers each once with its key when back online', async () => {
    const net = network();
    const user = newUser();
    const outbox = new Outbox(user, net.env);
    net.state.online = false;
    const first = write('/api/habits/h1/log');
    const second = write('/api/mood/entries', { score: 7 });
    for (const w of [first, second]) {
      const error = await outbox.send(w).catch((e) => e);
      expect(isQueuedOffline(error)).toBe(true);
    }
    expect(outbox.pending).toBe(2);
    expect(net.sent).toEqual([]);
    outbox.close();

    // A new tab (or the same after a reload) finds them.
    const reloaded = new Outbox(user, net.env);
    expect((await reloaded.list()).map((r) => r.key)).toEqual([first.key, second.key]);
    expect(await reloaded.deliver()).toEqual({ delivered: 0, refused: [], changed: [] }); // still offline
    net.state.online = true;
    expect(await reloaded.deliver()).toEqual({ delivered: 2, refused: [], changed: [] });
    expect(net.sent.map((s) => [s.url, s.key])).toEqual([
      ['/api/habits/h1/log', first.key],
      ['/api/mood/entries', second.key],
    ]);
    expect(reloaded.pending).toBe(0);
    expect(await reloaded.deliver()).toEqual({ delivered: 0, refused: [], changed: [] });
    expect(net.sent).toHaveLength(2);
  });

  it('keeps a write whose request failed on the way, and a later write behind it, so order holds', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    net.state.up = false;
    const lost = write('/api/quests/q1/progress', { delta: 1 });
    expect(isQueuedOffline(await outbox.send(lost).catch((e) => e))).toBe(true);
    net.state.up = true;
    const next = write('/api/quests/q1/complete');
    expect(isQueuedOffline(await outbox.send(next).catch((e) => e))).toBe(true);
    expect(net.sent).toEqual([]);
    await outbox.deliver();
    expect(net.sent.map((s) => s.key)).toEqual([lost.key, next.key]);
  });

  it('stops a round at a network failure or a server error and resumes later with the same keys', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    net.state.online = false;
    const w = write('/api/habits/h1/log');
    await outbox.send(w).catch(() => undefined);
    net.state.online = true;
    net.state.up = false;
    expect(await outbox.deliver()).toEqual({ delivered: 0, refused: [], changed: [] });
    net.state.up = true;
    net.state.answer = () => new Response(JSON.stringify({ error: { code: 'unavailable', message: 'Busy' } }), { status: 503 });
    expect(await outbox.deliver()).toEqual({ delivered: 0, refused: [], changed: [] });
    expect(outbox.pending).toBe(1);
    net.state.answer = () => new Response(JSON.stringify({ ok: true }), { status: 200 });
    expect((await outbox.deliver()).delivered).toBe(1);
    expect(new Set(net.sent.map((s) => s.key))).toEqual(new Set([w.key]));
  });

  it('drops a write the server refuses and reports it (the server wins), then goes on', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    net.state.online = false;
    await outbox.send(write('/api/habits/gone/log')).catch(() => undefined);
    await outbox.send(write('/api/habits/h2/log')).catch(() => undefined);
    net.state.online = true;
    net.state.answer = (s) =>
      s.url.includes('gone')
        ? new Response(JSON.stringify({ error: { code: 'not_found', message: 'Habit not found' } }), { status: 404 })
        : new Response(JSON.stringify({ ok: true }), { status: 200 });
    const report = await outbox.deliver();
    expect(report.delivered).toBe(1);
    expect(report.refused.map((r) => [r.record.url, r.error.message])).toEqual([['/api/habits/gone/log', 'Habit not found']]);
    expect(outbox.pending).toBe(0);
  });

  it('reports the fields the server stored otherwise than sent, and nothing for an answer that agrees', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    net.state.online = false;
    await outbox.send(write('/api/quests', { title: '  Run 100 km ', target: 100, deadline: '2026-12-31' })).catch(() => undefined);
    await outbox.send(write('/api/habits', { name: 'Stretch' })).catch(() => undefined);
    net.state.online = true;
    net.state.answer = (s) =>
      new Response(
        JSON.stringify(
          s.url === '/api/quests' ? { quest: { title: 'Run 100 km', target: 100, deadline: 1798675200000 }, xp: 0 } : { habit: { name: 'Stretch' } },
        ),
        { status: 201 },
      );
    const report = await outbox.deliver();
    expect(report.delivered).toBe(2);
    // The deadline came back as an instant, not a day: a different type is not a change.
    expect(report.changed.map((c) => [c.record.url, c.fields])).toEqual([['/api/quests', ['title']]]);
  });

  it('leaves delivery to the tab holding the lock', async () => {
    const net = network();
    const outbox = new Outbox(newUser(), net.env);
    net.state.online = false;
    await outbox.send(write('/api/habits/h1/log')).catch(() => undefined);
    net.state.online = true;
    net.state.lockHeld = true;
    expect(await outbox.deliver()).toEqual({ delivered: 0, refused: [], changed: [] });
    expect(net.sent).toEqual([]);
    expect(outbox.pending).toBe(1);
  });

  it('keeps each user’s writes apart', async () => {
    const net = network();
    net.state.online = false;
    const alice = new Outbox(newUser(), net.env);
    const bob = new Outbox(newUser(), net.env);
    await alice.send(write('/api/habits/a/log')).catch(() => undefined);
    expect(alice.pending).toBe(1);
    expect(await bob.list()).toEqual([]);
  });
});
