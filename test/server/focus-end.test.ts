import { afterEach, describe, expect, it, vi } from 'vitest';
import { GET as getActive } from '@/app/api/focus/active/route';
import { POST as extend } from '@/app/api/focus/extend/route';
import { POST as pause } from '@/app/api/focus/pause/route';
import { POST as resume } from '@/app/api/focus/resume/route';
import { POST as skipBreak } from '@/app/api/focus/skip-break/route';
import { POST as start } from '@/app/api/focus/start/route';
import { POST as stop } from '@/app/api/focus/stop/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { computeTimer, type FocusActive } from '@/lib/shared/focus';
import type { ChangeEvent } from '@/lib/shared/events';
import type { TimerEventPayload } from '@/lib/shared/realtime';
import { sessionsOf, storedRow } from './focus-fixtures';
import { call, createTestUser, snapshotDb, versionsOf, type CallOptions, type TestUser, expectError } from './helpers';

const MIN = 60_000;
const POMODORO = { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 };

const post = (handler: Parameters<typeof call>[0], path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { method: 'POST', cookie: user.cookie, ...options });

const startSession = (user: TestUser, body: Record<string, unknown> = { mode: 'focus', plannedMinutes: 25 }) => post(start, '/api/focus/start', user, { body });

async function activeOf(user: TestUser, headers: Record<string, string> = {}): Promise<FocusActive> {
  const res = await call(getActive, '/api/focus/active', { cookie: user.cookie, headers });
  expect(res.status).toBe(200);
  return res.json();
}

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

/** The change events of `user` while `fn` runs. */
async function eventsDuring(user: TestUser, fn: () => Promise<void>): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
  try {
    await fn();
  } finally {
    unsubscribe();
  }
  return events;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('POST /api/focus/extend', () => {
  it('adds minutes to a running session and announces it on the timer channel', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    const { session } = await (await startSession(user)).json();
    setServerTime(t0 + 10 * MIN);
    let extended: FocusActive | undefined;
    const events = await eventsDuring(user, async () => {
      const res = await post(extend, '/api/focus/extend', user, { body: { minutes: 5 }, headers: { 'x-device-id': 'tab-a' } });
      expect(res.status).toBe(200);
      extended = await res.json();
    });
    expect(extended!.session).toMatchObject({ id: session.id, plannedMinutes: 30, pausedTotalMs: 0, status: 'running' });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      scope: 'focus',
      sourceDeviceId: 'tab-a',
      hints: { changedScopes: ['focus'], event: { channel: 'timer', type: 'updated' } },
    });
    expect((events[0].hints.event?.payload as TimerEventPayload).plannedEndTime).toBe(t0 + 30 * MIN);
  });

  it('gives the minutes from now when time is up: the minutes the timer stood at 0:00 are no focus time', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    const { session } = await (await startSession(user)).json();
    setServerTime(t0 + 27 * MIN); // two minutes past the end, within the grace
    const { session: extended } = await (await post(extend, '/api/focus/extend', user, { body: { minutes: 5 } })).json();
    expect(extended).toMatchObject({ plannedMinutes: 30, pausedTotalMs: 2 * MIN });
    expect(computeTimer(extended, t0 + 27 * MIN)).toMatchObject({ remainingMs: 5 * MIN, finished: false });
    setServerTime(t0 + 32 * MIN);
    const { stopped } = await (await post(stop, '/api/focus/stop', user, { body: { completed: true } })).json();
    expect(stopped).toMatchObject({ id: session.id, focusMs: 30 * MIN, completed: true });
  });

  it('refuses to go past 600 minutes, and answers 404 without a session, changing nothing', async () => {
    const user = await createTestUser();
    await expectError(await post(extend, '/api/focus/extend', user, { body: { minutes: 5 } }), 404, 'not_found');
    await startSession(user, { mode: 'focus', plannedMinutes: 598 });
    const before = await snapshotDb();
    await expectError(await post(extend, '/api/focus/extend', user, { body: { minutes: 5 } }), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['no minutes', {}],
    ['0 minutes', { minutes: 0 }],
    ['61 minutes', { minutes: 61 }],
    ['a fraction', { minutes: 2.5 }],
    ['a string', { minutes: '5' }],
    ['an unknown field', { minutes: 5, plannedMinutes: 30 }],
  ])('answers 400 to %s and changes nothing', async (_label, body) => {
    const user = await createTestUser();
    await startSession(user);
    const before = await snapshotDb();
    await expectError(await post(extend, '/api/focus/extend', user, { body }), 400, 'validation_failed');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('POST /api/focus/skip-break', () => {
  it('ends the break now: the next focus phase starts at once, the session ends that much sooner, focus time is unchanged', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    await startSession(user, { mode: 'pomodoro', plannedMinutes: 60, pomodoro: POMODORO });
    setServerTime(t0 + 27 * MIN); // two minutes into the first short break
    let skipped: FocusActive | undefined;
    const events = await eventsDuring(user, async () => {
      const res = await post(skipBreak, '/api/focus/skip-break', user);
      expect(res.status).toBe(200);
      skipped = await res.json();
    });
    expect(skipped!.session).toMatchObject({ skippedBreakMs: 3 * MIN, status: 'running' });
    expect(computeTimer(skipped!.session!, t0 + 27 * MIN)).toMatchObject({ phase: 'focus', phaseIndex: 2, phaseRemainingMs: 25 * MIN });
    expect(events.map((e) => e.hints.event?.type)).toEqual(['updated']);
    const payload = events[0].hints.event?.payload as TimerEventPayload;
    expect(payload.pomodoroState).toEqual({ phase: 'focus', phaseIndex: 2, cycle: 1, phaseEndsAt: t0 + 52 * MIN });
    expect(payload.plannedEndTime).toBe(t0 + 57 * MIN);
    expect((await activeOf(user)).session).toEqual(skipped!.session);

    setServerTime(t0 + 57 * MIN);
    const { stopped } = await (await post(stop, '/api/focus/stop', user, { body: { completed: true } })).json();
    expect(stopped.focusMs).toBe(50 * MIN);
  });

  it('answers 409 outside a break and 404 without a session, changing nothing', async () => {
    const user = await createTestUser();
    await expectError(await post(skipBreak, '/api/focus/skip-break', user), 404, 'not_found');
    const t0 = Date.now();
    setServerTime(t0);
    await startSession(user, { mode: 'pomodoro', plannedMinutes: 60, pomodoro: POMODORO });
    const before = await snapshotDb();
    await expectError(await post(skipBreak, '/api/focus/skip-break', user), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);
    await post(stop, '/api/focus/stop', user, { body: { completed: false } });
    await startSession(user);
    setServerTime(t0 + 27 * MIN);
    const plain = await snapshotDb();
    await expectError(await post(skipBreak, '/api/focus/skip-break', user), 409, 'conflict');
    expect(await snapshotDb()).toBe(plain);
  });

  it('skips a break while paused too, and the timer stays paused at the start of the next focus phase', async () => {
    const user = await createTestUser();
    const t0 = Date.now();
    setServerTime(t0);
    await startSession(user, { mode: 'pomodoro', plannedMinutes: 60, pomodoro: POMODORO });
    setServerTime(t0 + 26 * MIN);
    await post(pause, '/api/focus/pause', user);
    setServerTime(t0 + 40 * MIN);
    const { session } = await (await post(skipBreak, '/api/focus/skip-break', user)).json();
    expect(session).toMatchObject({ status: 'paused', skippedBreakMs: 4 * MIN });
    expect(computeTimer(session, t0 + 50 * MIN)).toMatchObject({ phase: 'focus', phaseRemainingMs: 25 * MIN });
  });
});

describe('a forgotten session completes itself after its grace', () => {
  it('is still running until its grace is over, then completes with its planned focus time, ended at its planned end', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 60 * MIN;
    setServerTime(t0);
    const { session } = await (await startSession(user, { mode: 'focus', plannedMinutes: 25, taskTitle: 'Write Q1 memo', graceMinutes: 10 })).json();
    expect(session.graceMinutes).toBe(10);

    setServerTime(t0 + 35 * MIN - 1);
    const first = await call(getActive, '/api/focus/active', { cookie: user.cookie });
    const etag = first.headers.get('etag')!;
    expect((await first.json()).session).toMatchObject({ id: session.id, status: 'running' });

    setServerTime(t0 + 35 * MIN);
    const events = await eventsDuring(user, async () => {
      const again = await call(getActive, '/api/focus/active', { cookie: user.cookie, headers: { 'if-none-match': etag } });
      expect(again.status).toBe(200);
      expect(again.headers.get('etag')).not.toBe(etag);
      const record = {
        id: session.id,
        taskTitle: 'Write Q1 memo',
        mode: 'focus',
        plannedMinutes: 25,
        startedAt: t0,
        endedAt: t0 + 25 * MIN,
        completed: true,
        focusMs: 25 * MIN,
      };
      expect(await again.json()).toEqual({ session: null, serverTime: t0 + 35 * MIN, completedItself: record });
    });
    expect(await storedRow(session.id)).toMatchObject({ status: 'completed', ended_at: t0 + 25 * MIN, focus_ms: 25 * MIN });
    // No device ended it: every device hears of it, and progress moves with it.
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ sourceDeviceId: null, hints: { changedScopes: ['focus', 'progress'], event: { channel: 'timer', type: 'stopped' } } });
    expect(events[0].hints.event?.payload).toMatchObject({ id: session.id, completed: true, completedItself: { id: session.id, focusMs: 25 * MIN } });
    expect((await sessionsOf(user)).map((s) => [s.id, s.completed])).toEqual([[session.id, true]]);
  });

  it('waits 15 minutes by default, and completes as the sessions list or a write reads it too', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 3 * 60 * MIN;
    setServerTime(t0);
    const { session } = await (await startSession(user, { mode: 'pomodoro', plannedMinutes: 60, pomodoro: POMODORO })).json();
    expect(session.graceMinutes).toBe(15);
    setServerTime(t0 + 75 * MIN - 1);
    expect(await sessionsOf(user)).toEqual([]);
    setServerTime(t0 + 75 * MIN);
    const [listed] = await sessionsOf(user);
    // A pomodoro's focus time is its focus phases: 25 + 25 of its 60 minutes.
    expect(listed).toMatchObject({ id: session.id, completed: true, focusMs: 50 * MIN, endedAt: t0 + 60 * MIN });

    const next = await (await startSession(user)).json();
    setServerTime(t0 + 120 * MIN);
    // A start over an overdue session completes it and starts the new one, where it answered 409 before.
    expect((await startSession(user)).status).toBe(200);
    expect(await storedRow(next.session.id)).toMatchObject({ status: 'completed', ended_at: t0 + 100 * MIN });
  });

  it('never completes a paused session, which has no end to reach', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 5 * 60 * MIN;
    setServerTime(t0);
    const { session } = await (await startSession(user, { mode: 'focus', plannedMinutes: 25, graceMinutes: 1 })).json();
    setServerTime(t0 + 10 * MIN);
    await post(pause, '/api/focus/pause', user);
    setServerTime(t0 + 4 * 60 * MIN);
    expect((await activeOf(user)).session).toMatchObject({ id: session.id, status: 'paused' });
    // Resumed, it has 15 minutes left, and completes itself at its new planned end plus the grace.
    await post(resume, '/api/focus/resume', user);
    setServerTime(t0 + 4 * 60 * MIN + 16 * MIN - 1);
    expect((await activeOf(user)).session?.id).toBe(session.id);
    setServerTime(t0 + 4 * 60 * MIN + 16 * MIN);
    expect(await activeOf(user)).toMatchObject({ session: null, completedItself: { id: session.id, focusMs: 25 * MIN } });
  });

  it('tells of it only until the user ends a session themselves, and a read with nothing overdue writes nothing', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 60 * MIN;
    setServerTime(t0);
    await startSession(user, { mode: 'focus', plannedMinutes: 5, graceMinutes: 1 });
    setServerTime(t0 + 10 * MIN);
    expect((await activeOf(user)).completedItself).toBeDefined();
    const versions = await versionsOf(user.id, ['focus', 'progress']);
    await activeOf(user);
    await sessionsOf(user);
    expect(await versionsOf(user.id, ['focus', 'progress'])).toEqual(versions);

    await startSession(user);
    await post(stop, '/api/focus/stop', user, { body: { completed: true } });
    expect(await activeOf(user)).not.toHaveProperty('completedItself');
  });

  it('is completed once when two reads race over it', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 60 * MIN;
    setServerTime(t0);
    await startSession(user, { mode: 'focus', plannedMinutes: 5, graceMinutes: 1 });
    setServerTime(t0 + 10 * MIN);
    const events = await eventsDuring(user, async () => {
      const answers = await Promise.all([activeOf(user), activeOf(user), sessionsOf(user)]);
      expect(answers[0].session).toBeNull();
    });
    expect(events.map((e) => e.hints.event?.type)).toEqual(['stopped']);
  });
});

describe('the day’s sessions leave out false starts', () => {
  it('lists an abandoned session only once it ran a minute or more, and a completed one however short', async () => {
    const user = await createTestUser();
    const t0 = Date.now() - 60 * MIN;
    const run = async (at: number, ms: number, completed: boolean, pausedMs = 0) => {
      setServerTime(at);
      const { session } = await (await startSession(user, { mode: 'focus', plannedMinutes: 25, taskTitle: `at ${at}` })).json();
      if (pausedMs) {
        setServerTime(at + 10_000);
        await post(pause, '/api/focus/pause', user);
        setServerTime(at + 10_000 + pausedMs);
        await post(resume, '/api/focus/resume', user);
      }
      setServerTime(at + ms + pausedMs);
      await post(stop, '/api/focus/stop', user, { body: { completed } });
      return session.id as string;
    };
    await run(t0, 30_000, false);
    await run(t0 + 2 * MIN, 59_999, false);
    await run(t0 + 4 * MIN, 50_000, false, 5 * MIN); // six minutes on the clock, 50 s of them running
    const minute = await run(t0 + 12 * MIN, 60_000, false);
    const short = await run(t0 + 14 * MIN, 20_000, true);
    setServerTime(t0 + 20 * MIN);
    expect((await sessionsOf(user)).map((s) => s.id)).toEqual([short, minute]);
  });
});
