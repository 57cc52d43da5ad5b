import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as getActive } from '@/app/api/focus/active/route';
import { POST as pause } from '@/app/api/focus/pause/route';
import { POST as resume } from '@/app/api/focus/resume/route';
import { POST as start } from '@/app/api/focus/start/route';
import { POST as stop } from '@/app/api/focus/stop/route';
import type { FocusActive } from '@/lib/shared/focus';
import { sessionsOf } from './focus-fixtures';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from './helpers';

// Decision 052: a timer write made offline carries when it was made (`at`) and the session it means.
const MIN = 60_000;
const T = Date.UTC(2026, 5, 2, 12);

afterEach(() => {
  vi.useRealTimers();
});

function now(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

const post = (handler: Parameters<typeof call>[0], path: string, user: TestUser, body?: Record<string, unknown>, options: CallOptions = {}) =>
  call(handler, path, { method: 'POST', cookie: user.cookie, ...(body ? { body } : {}), ...options });

async function json<T>(res: Response, status = 200): Promise<T> {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json() as Promise<T>;
}

const focus = (extra: Record<string, unknown> = {}) => ({ mode: 'focus', plannedMinutes: 25, ...extra });

describe('timer writes made offline take effect when they were made', () => {
  it('a start, pause, resume and stop sent together later keep their own times', async () => {
    const user = await createTestUser();
    const id = randomUUID();
    now(T);
    const started = await json<FocusActive>(await post(start, '/api/focus/start', user, focus({ id, at: T - 20 * MIN })));
    expect(started.session).toMatchObject({ id, startedAt: T - 20 * MIN, status: 'running' });
    await json(await post(pause, '/api/focus/pause', user, { sessionId: id, at: T - 15 * MIN }));
    await json(await post(resume, '/api/focus/resume', user, { sessionId: id, at: T - 12 * MIN }));
    await json(await post(stop, '/api/focus/stop', user, { completed: true, sessionId: id, at: T - 2 * MIN }));
    const [session] = await sessionsOf(user);
    // 18 minutes from start to stop, 3 of them paused.
    expect(session).toMatchObject({ id, completed: true, startedAt: T - 20 * MIN, endedAt: T - 2 * MIN, focusMs: 15 * MIN });
  });

  it('never runs backwards or ahead of now; a write older than a day changes nothing (409)', async () => {
    const user = await createTestUser();
    const id = randomUUID();
    now(T);
    await json(await post(start, '/api/focus/start', user, focus({ id, at: T + 5 * MIN })));
    expect((await json<FocusActive>(await call(getActive, '/api/focus/active', { cookie: user.cookie }))).session?.startedAt).toBe(T);
    now(T + 10 * MIN);
    // A pause stamped before the start is a pause at the start.
    const paused = await json<FocusActive>(await post(pause, '/api/focus/pause', user, { sessionId: id, at: T - MIN }));
    expect(paused.session?.pausedAt).toBe(T);
    const before = await snapshotDb();
    const stale = await post(resume, '/api/focus/resume', user, { sessionId: id, at: T - 25 * 60 * MIN });
    expect(stale.status).toBe(409);
    expect((await stale.json()).error.message).toMatch(/more than a day ago/);
    expect(await snapshotDb()).toEqual(before);
  });

  it('a write for a session that is no longer the running one changes nothing and says so', async () => {
    const user = await createTestUser();
    now(T);
    const running = (await json<FocusActive>(await post(start, '/api/focus/start', user, focus()))).session!;
    const other = await createTestUser();
    const before = await snapshotDb();
    for (const [handler, path, body] of [
      [pause, '/api/focus/pause', { sessionId: randomUUID(), at: T }],
      [stop, '/api/focus/stop', { completed: true, sessionId: randomUUID(), at: T }],
    ] as const) {
      const res = await post(handler, path, user, body);
      expect(res.status).toBe(409);
      expect((await res.json()).error.message).toBe('That focus session is no longer running: this change was not applied');
    }
    expect(await snapshotDb()).toEqual(before);
    // Another user naming this session reaches nothing of it.
    expect((await post(pause, '/api/focus/pause', other, { sessionId: running.id, at: T })).status).toBe(409);
    expect(await snapshotDb()).toEqual(before);
  });

  it('keeps the one-active-session rule for the past: an offline start inside a session that began after it is refused', async () => {
    const user = await createTestUser();
    now(T - 20 * MIN);
    const other = (await json<FocusActive>(await post(start, '/api/focus/start', user, focus({ taskTitle: 'On the laptop' })))).session!;
    now(T - 10 * MIN);
    await json(await post(stop, '/api/focus/stop', user, { completed: true }));
    now(T);
    const before = await snapshotDb();
    const refused = await post(start, '/api/focus/start', user, focus({ id: randomUUID(), at: T - 30 * MIN }));
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toMatch(/^Another focus session ran meanwhile \(“On the laptop”, started .*\): this one was not started$/);
    expect(await snapshotDb()).toEqual(before);

    // A start a few seconds before the last session's end (clock skew) begins at that end instead.
    const skewed = await json<FocusActive>(await post(start, '/api/focus/start', user, focus({ id: randomUUID(), at: T - 10 * MIN - 3_000 })));
    expect(skewed.session?.startedAt).toBe(T - 10 * MIN);
    expect(other.id).not.toBe(skewed.session?.id);
  });

  it('a stop sent after the session would have completed itself still ends it when the user stopped it', async () => {
    const user = await createTestUser();
    const id = randomUUID();
    now(T);
    // Started an hour ago for 25 min (grace 15): by now it is overdue, but it was stopped at minute 10.
    await json(await post(start, '/api/focus/start', user, focus({ id, at: T - 60 * MIN })));
    await json(await post(stop, '/api/focus/stop', user, { completed: false, sessionId: id, at: T - 50 * MIN }));
    const [session] = await sessionsOf(user).then((all) => all.filter((s) => s.id === id));
    expect(session).toMatchObject({ completed: false, endedAt: T - 50 * MIN });
    expect((await json<FocusActive>(await call(getActive, '/api/focus/active', { cookie: user.cookie }))).completedItself).toBeUndefined();
  });

  it('refuses an id that is taken, by anyone, and a malformed one; pause and resume also take no body at all', async () => {
    const alice = await createTestUser();
    const bob = await createTestUser();
    const id = randomUUID();
    await json(await post(start, '/api/focus/start', alice, focus({ id })));
    expect((await post(start, '/api/focus/start', bob, focus({ id }))).status).toBe(409);
    expect((await post(start, '/api/focus/start', bob, focus({ id: 'not-a-uuid' }))).status).toBe(400);
    expect((await post(pause, '/api/focus/pause', alice)).status).toBe(200);
    expect((await post(resume, '/api/focus/resume', alice, undefined, { raw: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await post(resume, '/api/focus/resume', alice, { at: 'soon' })).status).toBe(400);
    expect((await post(resume, '/api/focus/resume', alice)).status).toBe(200);
  });
});
