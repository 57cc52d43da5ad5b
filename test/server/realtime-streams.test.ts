import { afterEach, describe, expect, it, vi } from 'vitest';
import { PATCH as patchUser } from '@/app/api/admin/users/[id]/route';
import { DELETE as revokeKey } from '@/app/api/api-keys/[id]/route';
import { POST as createKey } from '@/app/api/api-keys/route';
import { DELETE as removeDevice } from '@/app/api/devices/[id]/route';
import { POST as registerDevice } from '@/app/api/devices/route';
import { GET as openEvents } from '@/app/api/events/route';
import { DELETE as deleteMe } from '@/app/api/me/route';
import { POST as start } from '@/app/api/focus/start/route';
import { POST as pause } from '@/app/api/focus/pause/route';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import type { SseEvent, TimerEventPayload } from '@/lib/shared/realtime';
import type { ApiKeyCreated, DeviceView } from '@/lib/shared/schemas/native';
import { call, createTestUser, type TestUser } from './helpers';

const MIN = 60_000;
// Taken before any test fakes timers: real waits for real I/O.
const realSetTimeout = globalThis.setTimeout;
const sleep = (ms: number) => new Promise((resolve) => realSetTimeout(resolve, ms));
const SAME_ORIGIN = { origin: 'http://localhost:3000' };

afterEach(() => {
  resetHubForTests();
  vi.useRealTimers();
});

async function newKey(user: TestUser): Promise<string> {
  const res = await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: SAME_ORIGIN, body: { label: 'CLI' } });
  expect(res.status).toBe(201);
  return ((await res.json()) as ApiKeyCreated).key;
}

/** An open GET /api/events stream (the route handler), read in the background. */
async function openStream(deviceId: string, auth: { cookie?: string; key?: string; label?: string }) {
  const headers: Record<string, string> = auth.key ? { authorization: `Bearer ${auth.key}` } : {};
  const label = auth.label ? `&deviceLabel=${encodeURIComponent(auth.label)}` : '';
  const res = await call(openEvents, `/api/events?deviceId=${deviceId}${label}`, { cookie: auth.cookie, headers });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const stream = {
    text: '',
    ended: false,
    events: () =>
      stream.text
        .split('\n')
        .filter((l) => l.startsWith('data: '))
        .map((l) => JSON.parse(l.slice(6)) as SseEvent),
  };
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true as const }));
      if (done) break;
      stream.text += new TextDecoder().decode(value);
    }
    stream.ended = true;
  })();
  await expect.poll(() => stream.text).toContain('retry:');
  return stream;
}

async function eventsStatus(deviceId: string, auth: { cookie?: string; key?: string }): Promise<number> {
  const res = await call(openEvents, `/api/events?deviceId=${deviceId}`, {
    cookie: auth.cookie,
    headers: auth.key ? { authorization: `Bearer ${auth.key}` } : {},
  });
  await res.body?.cancel();
  return res.status;
}

describe('ending a credential closes the streams opened with it', () => {
  it('closes the streams of a revoked API key, and only those; the key then gets 401', async () => {
    const user = await createTestUser();
    const [revoked, kept] = [await newKey(user), await newKey(user)];
    const doomed = await openStream('cli-1', { key: revoked });
    const other = await openStream('cli-2', { key: kept });
    const browser = await openStream('web-1', { cookie: user.cookie });
    const keyId = revoked.split('_')[1];
    expect(
      (await call(revokeKey, `/api/api-keys/${keyId}`, { method: 'DELETE', cookie: user.cookie, headers: SAME_ORIGIN, params: { id: keyId } })).status,
    ).toBe(200);
    await expect.poll(() => doomed.ended).toBe(true);
    expect(other.ended).toBe(false);
    expect(browser.ended).toBe(false);
    expect(getHub().connectionCount(user.id)).toBe(2);
    expect(await eventsStatus('cli-1', { key: revoked })).toBe(401);
  });

  it("closes a removed device's streams, and refuses it a new one until it registers again", async () => {
    const user = await createTestUser();
    const key = await newKey(user);
    const register = async () =>
      (await (
        await call(registerDevice, '/api/devices', { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: { label: 'Phone', platform: 'ios' } })
      ).json()) as DeviceView;
    const [phone, tablet] = [await register(), await register()];
    const phoneStream = await openStream(phone.id, { key });
    const tabletStream = await openStream(tablet.id, { key });
    const res = await call(removeDevice, `/api/devices/${phone.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${key}` },
      params: { id: phone.id },
    });
    expect(res.status).toBe(200);
    await expect.poll(() => phoneStream.ended).toBe(true);
    expect(tabletStream.ended).toBe(false);
    expect(await eventsStatus(phone.id, { key })).toBe(404);
    // The tablet saw the devices list change.
    await expect.poll(() => tabletStream.events().some((e) => e.changedScopes.includes('devices'))).toBe(true);
  });

  it("closes every stream of a user an admin disables — cookie and key alike — and no other user's", async () => {
    const admin = await createTestUser({ role: 'admin' });
    const user = await createTestUser();
    const bystander = await createTestUser();
    const key = await newKey(user);
    const streams = [await openStream('web', { cookie: user.cookie }), await openStream('cli', { key })];
    const theirs = await openStream('web', { cookie: bystander.cookie });
    const res = await call(patchUser, `/api/admin/users/${user.id}`, {
      method: 'PATCH',
      cookie: admin.cookie,
      headers: SAME_ORIGIN,
      params: { id: user.id },
      body: { disabled: true },
    });
    expect(res.status).toBe(200);
    await expect.poll(() => streams.every((s) => s.ended)).toBe(true);
    expect(theirs.ended).toBe(false);
    expect(getHub().connectionCount(user.id)).toBe(0);
    expect(await eventsStatus('web', { cookie: user.cookie })).toBe(401);
    expect(await eventsStatus('cli', { key })).toBe(401);
  });
});

describe('deleting an account', () => {
  it("closes every stream of the account — cookie and key alike — and no other user's", async () => {
    const user = await createTestUser();
    const bystander = await createTestUser();
    const key = await newKey(user);
    const streams = [await openStream('web', { cookie: user.cookie }), await openStream('cli', { key })];
    const theirs = await openStream('web', { cookie: bystander.cookie });
    const res = await call(deleteMe, '/api/me', { method: 'DELETE', cookie: user.cookie, headers: SAME_ORIGIN, body: { password: user.password } });
    expect(res.status).toBe(200);
    await expect.poll(() => streams.every((s) => s.ended)).toBe(true);
    expect(theirs.ended).toBe(false);
    expect(getHub().connectionCount(user.id)).toBe(0);
    expect(await eventsStatus('web', { cookie: user.cookie })).toBe(401);
    expect(await eventsStatus('cli', { key })).toBe(401);
  });
});

describe('GET /api/events as a route handler (next start, next dev)', () => {
  it('closes a stream nobody reads once over 1 MiB waits in it, and keeps the user’s other streams', async () => {
    const user = await createTestUser();
    const unread = await call(openEvents, '/api/events?deviceId=stalled', { cookie: user.cookie });
    expect(unread.status).toBe(200);
    const reading = await openStream('reading', { cookie: user.cookie });
    const big = 'z'.repeat(64 * 1024);
    for (let i = 0; i < 17; i++) {
      getHub().broadcast(user.id, {
        channel: 'changed',
        type: 'changed',
        payload: { big },
        sourceDeviceId: null,
        timestamp: new Date().toISOString(),
        changedScopes: [],
      });
      await new Promise((r) => setImmediate(r)); // the reading stream drains; the other does not
    }
    expect(getHub().connectionCount(user.id)).toBe(1);
    await expect(unread.body!.getReader().read()).rejects.toThrow(/too slow/);
    await expect.poll(() => reading.events().length).toBe(17);
    expect(reading.ended).toBe(false);
  });
});

describe('pomodoro phase changes reach the streams without a write', () => {
  const timerUpdates = (s: { events: () => SseEvent[] }) => s.events().filter((e) => e.channel === 'timer' && e.type === 'updated');
  const phases = (s: { events: () => SseEvent[] }) => timerUpdates(s).map((e) => (e.payload as TimerEventPayload).pomodoroState?.phase);

  it('sends timer:updated at each phase boundary to every stream of the user, and stops after a pause', async () => {
    // Fake setTimeout and Date only: database I/O keeps running for real.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const user = await createTestUser();
    const phone = await openStream('phone', { cookie: user.cookie, label: 'Pixel 9' });
    const laptop = await openStream('laptop', { cookie: user.cookie });
    const pomodoro = { focusMinutes: 2, shortBreakMinutes: 1, longBreakMinutes: 3, cyclesBeforeLongBreak: 4 };
    const res = await call(start, '/api/focus/start', {
      method: 'POST',
      cookie: user.cookie,
      headers: { 'x-device-id': 'phone' },
      body: { mode: 'pomodoro', plannedMinutes: 30, pomodoro },
    });
    expect(res.status).toBe(200);
    const t0 = (await res.json()).session.startedAt as number;
    await expect.poll(() => laptop.events().map((e) => e.type)).toEqual(['started']);
    expect(laptop.events()[0].payload).toMatchObject({
      memoId: expect.any(String),
      deviceName: 'Pixel 9',
      pomodoroState: { phase: 'focus', phaseIndex: 0, cycle: 0, phaseEndsAt: t0 + 2 * MIN },
    });

    await vi.advanceTimersByTimeAsync(t0 + 2 * MIN - Date.now());
    for (const s of [phone, laptop]) await expect.poll(() => timerUpdates(s).length).toBe(1);
    const [update] = timerUpdates(laptop);
    expect(update).toMatchObject({ sourceDeviceId: null, changedScopes: [] });
    expect(update.payload as TimerEventPayload).toMatchObject({
      pomodoroState: { phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: t0 + 3 * MIN },
      plannedEndTime: t0 + 30 * MIN,
      deviceName: 'Pixel 9',
    });

    await vi.advanceTimersByTimeAsync(t0 + 3 * MIN - Date.now());
    await expect.poll(() => phases(laptop)).toEqual(['short_break', 'focus']);

    expect((await call(pause, '/api/focus/pause', { method: 'POST', cookie: user.cookie })).status).toBe(200);
    await expect.poll(() => timerUpdates(laptop).length).toBe(3);
    await vi.advanceTimersByTimeAsync(10 * MIN);
    await sleep(50);
    expect(phases(laptop)).toEqual(['short_break', 'focus', 'focus']);
    expect((timerUpdates(laptop)[2].payload as TimerEventPayload).status).toBe('paused');
  });

  it("picks up a pomodoro already running when the user's first stream opens on this node", async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const user = await createTestUser();
    const pomodoro = { focusMinutes: 5, shortBreakMinutes: 1, longBreakMinutes: 3, cyclesBeforeLongBreak: 4 };
    const res = await call(start, '/api/focus/start', { method: 'POST', cookie: user.cookie, body: { mode: 'pomodoro', plannedMinutes: 30, pomodoro } });
    const t0 = (await res.json()).session.startedAt as number;
    await vi.advanceTimersByTimeAsync(3 * MIN);
    const late = await openStream('late', { cookie: user.cookie });
    // The stream's first read of the active session is real I/O, which must land before the phase
    // changes at t0 + 5 min: move the clock in small steps, and wait a while just before the change.
    while (Date.now() < t0 + 6 * MIN && timerUpdates(late).length === 0) {
      await sleep(Date.now() + 5_000 >= t0 + 5 * MIN && Date.now() < t0 + 5 * MIN ? 300 : 5);
      await vi.advanceTimersByTimeAsync(5_000);
    }
    expect(timerUpdates(late).map((e) => (e.payload as TimerEventPayload).pomodoroState)).toEqual([
      { phase: 'short_break', phaseIndex: 1, cycle: 1, phaseEndsAt: t0 + 6 * MIN },
    ]);
  });
});
