import { afterEach, describe, expect, it, vi } from 'vitest';
import { POST as createKey } from '@/app/api/api-keys/route';
import { DELETE as removeDevice, PATCH as renameDevice } from '@/app/api/devices/[id]/route';
import { GET as listDevices, POST as registerDevice } from '@/app/api/devices/route';
import { GET as download } from '@/app/api/v1/sync/download/route';
import { POST as upload } from '@/app/api/v1/sync/upload/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import { getHub, resetHubForTests } from '@/lib/server/platform/realtime';
import type { ChangeEvent } from '@/lib/shared/events';
import type { DeviceList, DeviceView } from '@/lib/shared/schemas/native';
import { call, createTestUser, type CallOptions, type TestUser } from './helpers';

const SAME_ORIGIN = { origin: 'http://localhost:3000' };
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface KeyUser extends TestUser {
  key: string;
}

async function keyUser(): Promise<KeyUser> {
  const user = await createTestUser();
  const res = await call(createKey, '/api/api-keys', { method: 'POST', cookie: user.cookie, headers: SAME_ORIGIN, body: { label: 'test' } });
  return { ...user, key: (await res.json()).key };
}

const auth = (user: KeyUser, headers: Record<string, string> = {}): CallOptions => ({ headers: { authorization: `Bearer ${user.key}`, ...headers } });

async function register(user: KeyUser, body: Record<string, unknown> = { label: 'Anna’s iPhone', platform: 'iOS' }): Promise<DeviceView> {
  const res = await call(registerDevice, '/api/devices', { method: 'POST', ...auth(user), body });
  expect(res.status).toBe(201);
  return res.json();
}

async function devicesOf(user: KeyUser): Promise<DeviceList> {
  const res = await call(listDevices, '/api/devices', auth(user));
  expect(res.status).toBe(200);
  return res.json();
}

async function storedDevice(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM devices WHERE id = ?', args: [id] });
  return rows[0];
}

const downloadAs = (user: KeyUser, deviceId: string) => call(download, `/api/v1/sync/download?deviceId=${deviceId}&since=0`, auth(user));
const uploadAs = (user: KeyUser, deviceId: string) => call(upload, '/api/v1/sync/upload', { method: 'POST', ...auth(user), body: { deviceId, changes: [] } });

function silentSink() {
  return { write: () => true, close: () => {} };
}

afterEach(() => {
  vi.useRealTimers();
  resetHubForTests();
});

describe('registering and listing devices', () => {
  it('registers a device with a UUID, normalises the platform and lists it as seen now', async () => {
    const user = await keyUser();
    const before = Date.now();
    const device = await register(user);
    expect(device).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      label: 'Anna’s iPhone',
      platform: 'ios',
      createdAt: expect.any(Number),
      updatedAt: expect.any(Number),
      lastSeenAt: expect.any(Number),
      connected: false,
    });
    expect(device.lastSeenAt).toBeGreaterThanOrEqual(before);
    expect((await devicesOf(user)).devices).toEqual([device]);
  });

  it.each([
    ['a blank label', { label: ' ', platform: 'ios' }],
    ['a missing platform', { label: 'Phone' }],
    ['a platform with spaces', { label: 'Phone', platform: 'my phone' }],
    ['an unknown field', { label: 'Phone', platform: 'ios', id: UNKNOWN_ID }],
  ])('refuses %s with 400', async (_label, body) => {
    const user = await keyUser();
    const res = await call(registerDevice, '/api/devices', { method: 'POST', ...auth(user), body });
    expect(res.status).toBe(400);
  });

  it('lists only the caller’s devices', async () => {
    const [a, b] = [await keyUser(), await keyUser()];
    await register(a);
    expect((await devicesOf(b)).devices).toEqual([]);
  });

  it('marks the devices holding a realtime stream as connected now, and lists unregistered streams apart', async () => {
    const user = await keyUser();
    const [phone, laptop] = [await register(user), await register(user, { label: 'Laptop', platform: 'macos' })];
    const hub = getHub();
    const conn = hub.connect({ userId: user.id, deviceId: phone.id, label: 'Phone', sessionId: null, expiresAt: null, lastEventId: null, sink: silentSink() });
    hub.connect({ userId: user.id, deviceId: 'web-123', label: 'Chrome on Linux', sessionId: null, expiresAt: null, lastEventId: null, sink: silentSink() });
    const list = await devicesOf(user);
    expect(list.devices.map((d) => [d.id, d.connected])).toEqual([
      [phone.id, true],
      [laptop.id, false],
    ]);
    expect(list.otherConnections).toEqual([{ deviceId: 'web-123', label: 'Chrome on Linux', connectedAt: expect.any(Number) }]);
    hub.disconnect(conn);
    expect((await devicesOf(user)).devices.every((d) => !d.connected)).toBe(true);
  });

  it('changes the list’s ETag on register, rename and remove, and when a device connects', async () => {
    // The ETag carries the current minute: the clock must not tick over between the GETs.
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() });
    const user = await keyUser();
    const etagOf = async (etag?: string) => {
      const res = await call(listDevices, '/api/devices', auth(user, etag ? { 'if-none-match': etag } : {}));
      return { status: res.status, etag: res.headers.get('etag')! };
    };
    let { etag } = await etagOf();
    expect((await etagOf(etag)).status).toBe(304);
    const device = await register(user);
    const steps: [string, () => Promise<unknown>][] = [
      [
        'rename',
        () => call(renameDevice, `/api/devices/${device.id}`, { method: 'PATCH', ...auth(user), params: { id: device.id }, body: { label: 'New name' } }),
      ],
      [
        'connect',
        async () =>
          getHub().connect({ userId: user.id, deviceId: device.id, label: 'x', sessionId: null, expiresAt: null, lastEventId: null, sink: silentSink() }),
      ],
      ['remove', () => call(removeDevice, `/api/devices/${device.id}`, { method: 'DELETE', ...auth(user), params: { id: device.id } })],
    ];
    for (const [step, act] of steps) {
      const before = await etagOf(etag);
      expect(before.status, `before ${step}`).toBe(200);
      etag = before.etag;
      await act();
    }
    expect((await etagOf(etag)).status).toBe(200);
  });
});

describe('renaming and removing devices', () => {
  it('renames a device and publishes a change on the devices scope', async () => {
    const user = await keyUser();
    const device = await register(user);
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const res = await call(renameDevice, `/api/devices/${device.id}`, {
        method: 'PATCH',
        ...auth(user),
        params: { id: device.id },
        body: { label: '  Work phone ' },
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id: device.id, label: 'Work phone' });
      expect(events).toEqual([expect.objectContaining({ scope: 'devices' })]);
    } finally {
      unsubscribe();
    }
  });

  it('removes a device softly: gone from the list, its row kept with deleted_at, its sync requests refused with 404', async () => {
    const user = await keyUser();
    const device = await register(user);
    const res = await call(removeDevice, `/api/devices/${device.id}`, {
      method: 'DELETE',
      cookie: user.cookie,
      headers: SAME_ORIGIN,
      params: { id: device.id },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: device.id, deletedAt: expect.any(Number) });
    expect((await devicesOf(user)).devices).toEqual([]);
    expect((await storedDevice(device.id)).deleted_at).toEqual(expect.any(Number));
    expect((await downloadAs(user, device.id)).status).toBe(404);
    expect((await uploadAs(user, device.id)).status).toBe(404);
    const again = await call(removeDevice, `/api/devices/${device.id}`, { method: 'DELETE', ...auth(user), params: { id: device.id } });
    expect(again.status).toBe(404);
  });

  it.each([
    ['another user’s device', 'other'],
    ['an unknown id', UNKNOWN_ID],
    ['a malformed id', 'not-a-uuid'],
  ])('answers 404 when renaming or removing %s, and changes nothing', async (_label, which) => {
    const [owner, other] = [await keyUser(), await keyUser()];
    const device = await register(owner);
    const id = which === 'other' ? device.id : which;
    const patch = await call(renameDevice, `/api/devices/${id}`, { method: 'PATCH', ...auth(other), params: { id }, body: { label: 'Stolen' } });
    const remove = await call(removeDevice, `/api/devices/${id}`, { method: 'DELETE', ...auth(other), params: { id } });
    expect([patch.status, remove.status]).toEqual([404, 404]);
    expect(await storedDevice(device.id)).toMatchObject({ label: 'Anna’s iPhone', deleted_at: null });
  });
});

describe('the device of a record-sync request', () => {
  it('answers 403 when user A’s key names user B’s device, on upload and download', async () => {
    const [a, b] = [await keyUser(), await keyUser()];
    const bDevice = await register(b);
    expect((await downloadAs(a, bDevice.id)).status).toBe(403);
    expect((await uploadAs(a, bDevice.id)).status).toBe(403);
  });

  it('answers 404 for an unknown device', async () => {
    const user = await keyUser();
    expect((await downloadAs(user, UNKNOWN_ID)).status).toBe(404);
    expect((await uploadAs(user, UNKNOWN_ID)).status).toBe(404);
  });

  it('marks the device seen on each sync request, at most once a minute', async () => {
    const user = await keyUser();
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    const device = await register(user);
    expect((await storedDevice(device.id)).last_seen_at).toBe(t0);
    vi.setSystemTime(t0 + 30_000);
    expect((await downloadAs(user, device.id)).status).toBe(200);
    expect((await storedDevice(device.id)).last_seen_at).toBe(t0);
    vi.setSystemTime(t0 + 90_000);
    expect((await uploadAs(user, device.id)).status).toBe(200);
    expect((await storedDevice(device.id)).last_seen_at).toBe(t0 + 90_000);
    vi.setSystemTime(t0 + 200_000);
    expect((await downloadAs(user, device.id)).status).toBe(200);
    expect((await devicesOf(user)).devices[0].lastSeenAt).toBe(t0 + 200_000);
  });

  it('does not mark the device seen when its sync request is refused: a rejection changes nothing', async () => {
    const user = await keyUser();
    const t0 = Date.now();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(t0);
    const device = await register(user);
    vi.setSystemTime(t0 + 90_000);
    const badChange = await call(upload, '/api/v1/sync/upload', {
      method: 'POST',
      ...auth(user),
      body: { deviceId: device.id, changes: [{ entityType: 'habits', id: 'not-a-uuid' }] },
    });
    expect(badChange.status).toBe(400);
    const cursorAhead = await call(download, `/api/v1/sync/download?deviceId=${device.id}&since=999999`, auth(user));
    expect(cursorAhead.status).toBe(410);
    expect((await storedDevice(device.id)).last_seen_at).toBe(t0);
    expect((await uploadAs(user, device.id)).status).toBe(200);
    expect((await storedDevice(device.id)).last_seen_at).toBe(t0 + 90_000);
  });

  it('does not publish a change when a device is merely seen', async () => {
    const user = await keyUser();
    const device = await register(user);
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.now() + 120_000);
      expect((await downloadAs(user, device.id)).status).toBe(200);
      expect(events).toEqual([]);
    } finally {
      unsubscribe();
    }
  });
});
