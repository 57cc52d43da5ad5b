import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as getActive } from '@/app/api/focus/active/route';
import { POST as move } from '@/app/api/focus/move/route';
import { POST as pause } from '@/app/api/focus/pause/route';
import { POST as resume } from '@/app/api/focus/resume/route';
import { GET as getSessions } from '@/app/api/focus/sessions/route';
import { POST as start } from '@/app/api/focus/start/route';
import { POST as stop } from '@/app/api/focus/stop/route';
import { POST as registerDevice } from '@/app/api/devices/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import { DEFAULT_POMODORO, type FocusActive } from '@/lib/shared/focus';
import type { ChangeEvent } from '@/lib/shared/events';
import type { TimerEventPayload, TimerStoppedPayload } from '@/lib/shared/realtime';
import { sessionsOf, storedRow } from './focus-fixtures';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

const MIN = 60_000;

const post = (handler: Parameters<typeof call>[0], path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { method: 'POST', cookie: user.cookie, ...options });

const startSession = (user: TestUser, body: Record<string, unknown> = { mode: 'focus', plannedMinutes: 25 }, options: CallOptions = {}) =>
  post(start, '/api/focus/start', user, { body, ...options });

async function activeOf(user: TestUser): Promise<FocusActive> {
  return (await call(getActive, '/api/focus/active', { cookie: user.cookie })).json();
}

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

describe('a focus session from start to stop', () => {
  it('starts, pauses, resumes and stops, leaving paused time out of the focus time', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);

    const started = await startSession(
      user,
      { mode: 'focus', plannedMinutes: 30, taskTitle: '  Write the report  ' },
      { headers: { 'x-device-id': 'laptop' } },
    );
    expect(started.status).toBe(200);
    const afterStart: FocusActive = await started.json();
    expect(afterStart.serverTime).toBe(t0);
    expect(afterStart.session).toMatchObject({
      taskTitle: 'Write the report',
      mode: 'focus',
      plannedMinutes: 30,
      pomodoro: null,
      status: 'running',
      startedAt: t0,
      pausedAt: null,
      pausedTotalMs: 0,
      deviceId: 'laptop',
      updatedAt: t0,
    });
    const id = afterStart.session!.id;
    expect(await activeOf(user)).toEqual({ session: afterStart.session, serverTime: t0 });

    setServerTime(t0 + 10 * MIN);
    const paused: FocusActive = await (await post(pause, '/api/focus/pause', user)).json();
    expect(paused.session).toMatchObject({ id, status: 'paused', pausedAt: t0 + 10 * MIN, pausedTotalMs: 0, updatedAt: t0 + 10 * MIN });

    setServerTime(t0 + 15 * MIN);
    const resumed: FocusActive = await (await post(resume, '/api/focus/resume', user)).json();
    expect(resumed.session).toMatchObject({ id, status: 'running', pausedAt: null, pausedTotalMs: 5 * MIN, updatedAt: t0 + 15 * MIN });

    setServerTime(t0 + 25 * MIN);
    const stopped = await post(stop, '/api/focus/stop', user, { body: { completed: true } });
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toEqual({
      session: null,
      serverTime: t0 + 25 * MIN,
      stopped: {
        id,
        taskTitle: 'Write the report',
        mode: 'focus',
        plannedMinutes: 30,
        startedAt: t0,
        endedAt: t0 + 25 * MIN,
        completed: true,
        focusMs: 20 * MIN,
      },
    });

    expect((await activeOf(user)).session).toBeNull();
    expect(await storedRow(id)).toMatchObject({ status: 'completed', ended_at: t0 + 25 * MIN, focus_ms: 20 * MIN, paused_at: null });
  });

  it('stamps every write with a new server version and updated_at on the row', async () => {
    const user = await createTestUser();
    const { session } = await (await startSession(user)).json();
    const versions = [Number((await storedRow(session.id)).server_version)];
    for (const [handler, path, body] of [
      [pause, '/api/focus/pause', undefined],
      [resume, '/api/focus/resume', undefined],
      [move, '/api/focus/move', { targetDeviceId: 'phone' }],
      [stop, '/api/focus/stop', { completed: false }],
    ] as const) {
      expect((await post(handler, path, user, { body })).status).toBe(200);
      versions.push(Number((await storedRow(session.id)).server_version));
    }
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(await storedRow(session.id)).toMatchObject({ status: 'abandoned', device_id: 'phone' });
  });

  it('counts only the time up to the pause when a paused session is stopped', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    await startSession(user, { mode: 'focus', plannedMinutes: 60 });
    setServerTime(t0 + 12 * MIN);
    await post(pause, '/api/focus/pause', user);
    setServerTime(t0 + 50 * MIN);
    const { stopped } = await (await post(stop, '/api/focus/stop', user, { body: { completed: false } })).json();
    expect(stopped).toMatchObject({ completed: false, focusMs: 12 * MIN, endedAt: t0 + 50 * MIN });
  });

  it('counts only focus phases of a pomodoro session, with the default settings when none are given', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    const { session } = await (await startSession(user, { mode: 'pomodoro', plannedMinutes: 120 })).json();
    expect(session.pomodoro).toEqual(DEFAULT_POMODORO);
    setServerTime(t0 + 40 * MIN);
    const { stopped } = await (await post(stop, '/api/focus/stop', user, { body: { completed: true } })).json();
    expect(stopped.focusMs).toBe(35 * MIN);
  });

  it('keeps custom pomodoro settings and drops them in plain focus mode', async () => {
    const user = await createTestUser();
    const settings = { focusMinutes: 50, shortBreakMinutes: 10, longBreakMinutes: 30, cyclesBeforeLongBreak: 2 };
    const pomodoro = await (await startSession(user, { mode: 'pomodoro', plannedMinutes: 180, pomodoro: settings })).json();
    expect(pomodoro.session.pomodoro).toEqual(settings);
    await post(stop, '/api/focus/stop', user, { body: { completed: false } });

    const focus = await (await startSession(user, { mode: 'focus', plannedMinutes: 20, pomodoro: settings })).json();
    expect(focus.session.pomodoro).toBeNull();
    expect((await storedRow(focus.session.id)).pomodoro).toBeNull();
  });

  it("prefers the body's deviceId over the X-Device-Id header, and moves the session to the target device", async () => {
    const user = await createTestUser();
    const { session } = await (
      await startSession(user, { mode: 'focus', plannedMinutes: 25, deviceId: 'desk' }, { headers: { 'x-device-id': 'tab-1' } })
    ).json();
    expect(session.deviceId).toBe('desk');
    const moved = await post(move, '/api/focus/move', user, { body: { targetDeviceId: 'phone-2' } });
    expect(moved.status).toBe(200);
    expect((await moved.json()).session).toMatchObject({ id: session.id, deviceId: 'phone-2', status: 'running' });
    expect((await activeOf(user)).session?.deviceId).toBe('phone-2');
  });
});

describe('timer writes that do not fit the current state', () => {
  it('answers 409 to a start while a session is active and changes nothing', async () => {
    const user = await createTestUser();
    await startSession(user);
    const before = await snapshotDb();
    await expectError(await startSession(user, { mode: 'pomodoro', plannedMinutes: 50 }), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);

    await post(pause, '/api/focus/pause', user);
    const whilePaused = await snapshotDb();
    await expectError(await startSession(user), 409, 'conflict');
    expect(await snapshotDb()).toBe(whilePaused);
  });

  it('lets exactly one of three simultaneous starts win', async () => {
    const user = await createTestUser();
    const results = await Promise.all([startSession(user), startSession(user), startSession(user)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    const { rows } = await getClient().execute({
      sql: "SELECT count(*) AS n FROM focus_sessions WHERE user_id = ? AND status IN ('running', 'paused')",
      args: [user.id],
    });
    expect(Number(rows[0].n)).toBe(1);
  });

  it.each([
    ['pause', pause, '/api/focus/pause', undefined],
    ['resume', resume, '/api/focus/resume', undefined],
    ['stop', stop, '/api/focus/stop', { completed: true }],
    ['move', move, '/api/focus/move', { targetDeviceId: 'phone' }],
  ] as const)('answers 404 to %s when no session is active and changes nothing', async (_verb, handler, path, body) => {
    const user = await createTestUser();
    await startSession(user);
    await post(stop, '/api/focus/stop', user, { body: { completed: true } });
    const before = await snapshotDb();
    const res = await post(handler, path, user, { body });
    await expectError(res, 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 409 to a second pause and to a resume of a running session, changing nothing', async () => {
    const user = await createTestUser();
    await startSession(user);
    const running = await snapshotDb();
    await expectError(await post(resume, '/api/focus/resume', user), 409, 'conflict');
    expect(await snapshotDb()).toBe(running);

    expect((await post(pause, '/api/focus/pause', user)).status).toBe(200);
    const paused = await snapshotDb();
    await expectError(await post(pause, '/api/focus/pause', user), 409, 'conflict');
    expect(await snapshotDb()).toBe(paused);
  });
});

describe('POST /api/focus/start rejects bad input and changes nothing', () => {
  let user: TestUser;
  beforeAll(async () => {
    user = await createTestUser();
  });

  const valid = { mode: 'focus', plannedMinutes: 25 };
  const json = { 'content-type': 'application/json' };
  const cases: [label: string, status: number, code: string, options: CallOptions][] = [
    ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
    ['malformed JSON', 400, 'invalid_json', { raw: '{"mode": ', headers: json }],
    ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, taskTitle: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
    ['plannedMinutes 0', 400, 'validation_failed', { body: { ...valid, plannedMinutes: 0 } }],
    ['plannedMinutes 601', 400, 'validation_failed', { body: { ...valid, plannedMinutes: 601 } }],
    ["plannedMinutes 'x'", 400, 'validation_failed', { body: { ...valid, plannedMinutes: 'x' } }],
    ['a fractional plannedMinutes', 400, 'validation_failed', { body: { ...valid, plannedMinutes: 2.5 } }],
    ['an unknown mode', 400, 'validation_failed', { body: { ...valid, mode: 'stopwatch' } }],
    ['a missing mode', 400, 'validation_failed', { body: { plannedMinutes: 25 } }],
    ['an unknown field', 400, 'validation_failed', { body: { ...valid, status: 'completed' } }],
    ['a deviceId with spaces', 400, 'validation_failed', { body: { ...valid, deviceId: 'my phone' } }],
    ['a deviceId over 100 characters', 400, 'validation_failed', { body: { ...valid, deviceId: 'd'.repeat(101) } }],
    ['a task title over 200 characters', 400, 'validation_failed', { body: { ...valid, taskTitle: 't'.repeat(201) } }],
    [
      'pomodoro settings out of range',
      400,
      'validation_failed',
      { body: { mode: 'pomodoro', plannedMinutes: 60, pomodoro: { ...DEFAULT_POMODORO, focusMinutes: 0 } } },
    ],
    ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ];

  it.each(cases)('%s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    const res = await post(start, '/api/focus/start', user, options);
    await expectError(res, status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 401 before looking at the body when nobody is signed in', async () => {
    const before = await snapshotDb();
    await expectError(await call(start, '/api/focus/start', { method: 'POST', body: valid }), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('GET /api/focus/active is a conditional GET', () => {
  it('answers 200 with an ETag, 304 for the same ETag, and 200 with a new ETag after a start', async () => {
    const user = await createTestUser();
    const first = await call(getActive, '/api/focus/active', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect((await first.json()).session).toBeNull();

    const again = await call(getActive, '/api/focus/active', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await startSession(user);
    const after = await call(getActive, '/api/focus/active', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect((await after.json()).session.status).toBe('running');
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    const etag = (await call(getActive, '/api/focus/active', { cookie: user.cookie })).headers.get('etag')!;
    await expectError(await call(getActive, '/api/focus/active', { headers: { 'if-none-match': etag } }), 401, 'unauthorized');
  });
});

describe('focus sessions are private to their owner', () => {
  it("never shows, changes or lists another user's session", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const { session } = await (await startSession(a)).json();

    expect((await activeOf(b)).session).toBeNull();
    const before = await snapshotDb();
    await expectError(await post(pause, '/api/focus/pause', b), 404, 'not_found');
    await expectError(await post(resume, '/api/focus/resume', b), 404, 'not_found');
    await expectError(await post(stop, '/api/focus/stop', b, { body: { completed: true } }), 404, 'not_found');
    await expectError(await post(move, '/api/focus/move', b, { body: { targetDeviceId: 'evil' } }), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
    expect((await activeOf(a)).session).toEqual(session);

    await post(stop, '/api/focus/stop', a, { body: { completed: true } });
    expect(await sessionsOf(b)).toEqual([]);
    expect((await sessionsOf(a)).map((s) => s.id)).toEqual([session.id]);
  });

  it("lets B start their own session while A's is running", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    await startSession(a);
    expect((await startSession(b)).status).toBe(200);
    expect((await activeOf(a)).session?.id).not.toBe((await activeOf(b)).session?.id);
  });
});

describe('every timer write publishes one change event', () => {
  it('publishes started, updated, updated, moved and stopped on the timer channel from the source device, with seed 003 payloads', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const device = { headers: { 'x-device-id': 'tab-a' } };
      const t0 = Date.now();
      setServerTime(t0);
      const { session } = await (await startSession(user, { mode: 'focus', plannedMinutes: 25 }, device)).json();
      setServerTime(t0 + 5 * MIN);
      const paused = await (await post(pause, '/api/focus/pause', user, device)).json();
      setServerTime(t0 + 8 * MIN);
      const resumed = await (await post(resume, '/api/focus/resume', user, device)).json();
      setServerTime(t0 + 9 * MIN);
      const moved = await (await post(move, '/api/focus/move', user, { ...device, body: { targetDeviceId: 'phone' } })).json();
      setServerTime(t0 + 10 * MIN);
      await post(stop, '/api/focus/stop', user, { ...device, body: { completed: true } });

      expect(events.map((e) => e.hints.event?.type)).toEqual(['started', 'updated', 'updated', 'moved', 'stopped']);
      for (const e of events) {
        expect(e).toMatchObject({ userId: user.id, scope: 'focus', sourceDeviceId: 'tab-a' });
        expect(e.hints.event?.channel).toBe('timer');
      }
      const plain = { pomodoroState: null, deviceName: null };
      expect(events[0].hints.event?.payload).toEqual({ ...session, ...plain, memoId: session.id, plannedEndTime: t0 + 25 * MIN, serverTime: t0 });
      expect(events[1].hints.event?.payload).toEqual({ ...paused.session, ...plain, memoId: session.id, plannedEndTime: null, serverTime: t0 + 5 * MIN });
      expect(events[2].hints.event?.payload).toEqual({
        ...resumed.session,
        ...plain,
        memoId: session.id,
        plannedEndTime: t0 + 28 * MIN,
        serverTime: t0 + 8 * MIN,
      });
      expect(events[3].hints.event).toMatchObject({
        targetDeviceId: 'phone',
        payload: { ...moved.session, ...plain, memoId: session.id, plannedEndTime: t0 + 28 * MIN, serverTime: t0 + 9 * MIN },
      });
      expect(events[4].hints).toEqual({
        changedScopes: ['focus', 'progress'],
        event: { channel: 'timer', type: 'stopped', payload: { id: session.id, completed: true, serverTime: t0 + 10 * MIN } satisfies TimerStoppedPayload },
      });
      expect(events.slice(0, 4).every((e) => e.hints.changedScopes.join() === 'focus')).toBe(true);
    } finally {
      unsubscribe();
    }
  });

  it('carries the pomodoro phase and when it ends, frozen while paused', async () => {
    const user = await createTestUser();
    const payloads: TimerEventPayload[] = [];
    const unsubscribe = getBus().subscribe(
      user.id,
      (e) => e.hints.event?.channel === 'timer' && e.hints.event.type !== 'stopped' && payloads.push(e.hints.event?.payload as TimerEventPayload),
    );
    try {
      const t0 = Date.now();
      setServerTime(t0);
      await startSession(user, {
        mode: 'pomodoro',
        plannedMinutes: 100,
        pomodoro: { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
      });
      setServerTime(t0 + 27 * MIN);
      await post(pause, '/api/focus/pause', user);
      setServerTime(t0 + 40 * MIN);
      await post(resume, '/api/focus/resume', user);
      expect(payloads.map((p) => [p.pomodoroState, p.plannedEndTime])).toEqual([
        [{ phase: 'focus', phaseIndex: 0, cycle: 0, phaseEndsAt: t0 + 25 * MIN }, t0 + 100 * MIN],
        [{ phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: null }, null],
        [{ phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: t0 + 43 * MIN }, t0 + 113 * MIN],
      ]);
    } finally {
      unsubscribe();
    }
  });

  it("names the running device: a registered device's label, else the label its realtime stream gave, else null", async () => {
    const user = await createTestUser();
    const names: (string | null)[] = [];
    const unsubscribe = getBus().subscribe(
      user.id,
      (e) => e.hints.event?.channel === 'timer' && e.hints.event.type !== 'stopped' && names.push((e.hints.event?.payload as TimerEventPayload).deviceName),
    );
    const hub = getHub();
    const conn = hub.connect({
      userId: user.id,
      deviceId: 'web-7',
      label: 'Chrome on Linux',
      sessionId: null,
      expiresAt: null,
      lastEventId: null,
      sink: { write: () => true, close: () => {} },
    });
    try {
      const registered = await (
        await call(registerDevice, '/api/devices', {
          method: 'POST',
          cookie: user.cookie,
          headers: { origin: 'http://localhost:3000' },
          body: { label: 'Work iPhone', platform: 'ios' },
        })
      ).json();
      await startSession(user, { mode: 'focus', plannedMinutes: 25, deviceId: 'web-7' });
      await post(move, '/api/focus/move', user, { body: { targetDeviceId: registered.id } });
      await post(move, '/api/focus/move', user, { body: { targetDeviceId: 'never-connected' } });
      expect(names).toEqual(['Chrome on Linux', 'Work iPhone', null]);
    } finally {
      hub.disconnect(conn);
      unsubscribe();
      resetHubForTests();
    }
  });

  it('publishes nothing for a rejected write', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      await post(pause, '/api/focus/pause', user);
      await startSession(user, { mode: 'focus', plannedMinutes: 0 });
      await startSession(user);
      await startSession(user);
      expect(events.map((e) => e.hints.event?.type)).toEqual(['started']);
    } finally {
      unsubscribe();
    }
  });
});

describe('GET /api/focus/sessions', () => {
  it('lists ended sessions started in [from, to), newest first, with their focus time', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 6 * 60 * MIN;
    const runAt = async (at: number, minutes: number, completed: boolean) => {
      setServerTime(at);
      const { session } = await (await startSession(user, { mode: 'focus', plannedMinutes: 60, taskTitle: `at ${at}` })).json();
      setServerTime(at + minutes * MIN);
      await post(stop, '/api/focus/stop', user, { body: { completed } });
      return session.id as string;
    };
    await runAt(t0, 10, true);
    const second = await runAt(t0 + 60 * MIN, 20, true);
    const third = await runAt(t0 + 120 * MIN, 5, false);
    await runAt(t0 + 180 * MIN, 30, true);
    setServerTime(t0 + 240 * MIN);
    await startSession(user);

    const listed = await sessionsOf(user, t0 + 1, t0 + 180 * MIN);
    expect(listed).toEqual([
      {
        id: third,
        taskTitle: `at ${t0 + 120 * MIN}`,
        mode: 'focus',
        plannedMinutes: 60,
        startedAt: t0 + 120 * MIN,
        endedAt: t0 + 125 * MIN,
        completed: false,
        focusMs: 5 * MIN,
      },
      {
        id: second,
        taskTitle: `at ${t0 + 60 * MIN}`,
        mode: 'focus',
        plannedMinutes: 60,
        startedAt: t0 + 60 * MIN,
        endedAt: t0 + 80 * MIN,
        completed: true,
        focusMs: 20 * MIN,
      },
    ]);
    expect(await sessionsOf(user, t0, t0 + 300 * MIN)).toHaveLength(4);
  });

  it('is conditional on the focus scope', async () => {
    const user = await createTestUser();
    const path = `/api/focus/sessions?from=${Date.now() - 60 * MIN}&to=${Date.now() + 60 * MIN}`;
    const etag = (await call(getSessions, path, { cookie: user.cookie })).headers.get('etag')!;
    expect((await call(getSessions, path, { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(304);
    await startSession(user);
    expect((await call(getSessions, path, { cookie: user.cookie, headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it.each([
    ['to before from', '?from=100&to=50'],
    ['a range over a year', `?from=0&to=${367 * 24 * 3600_000}`],
    ['a missing bound', '?from=0'],
    ['a non-numeric bound', '?from=yesterday&to=100'],
  ])('answers 400 to %s', async (_label, query) => {
    const user = await createTestUser();
    await expectError(await call(getSessions, `/api/focus/sessions${query}`, { cookie: user.cookie }), 400, 'validation_failed');
  });
});
