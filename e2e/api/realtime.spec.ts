import { randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { EventSource } from 'eventsource';
import { E2E_SSE_HEARTBEAT_MS } from '../../playwright.config';
import { TaskDocument } from '../../lib/shared/crdt';
import { localDay } from '../../lib/shared/days';
import { apiUser, bearer, connections, createApiKey, listen, patchMe, sleep } from '../sse-helpers';

test.describe('GET /api/events', () => {
  test('broadcasts a change to the user’s other devices and not to the device it came from', async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-a');
    const phone = listen(baseURL!, a.cookie, 'phone');
    const laptop = listen(baseURL!, a.cookie, 'laptop');
    await Promise.all([phone.opened, laptop.opened]);
    await patchMe(request, baseURL!, a.cookie, 'phone', 'From the phone');
    await expect.poll(() => laptop.events.length).toBe(1);
    expect(laptop.events[0]).toMatchObject({ channel: 'changed', type: 'changed', sourceDeviceId: 'phone', changedScopes: ['profile'] });
    // <node>:<generation of the user's state on the node>:<seq>
    expect(laptop.events[0].id).toMatch(/^[a-z0-9]+:[a-z0-9]+:\d+$/);
    await sleep(1200);
    expect(phone.events).toHaveLength(0);
    phone.close();
    laptop.close();
    await request.dispose();
  });

  test("user B never receives user A's events: not with a forged device id, not with A's Last-Event-ID, not without a session", async ({
    playwright,
    baseURL,
  }) => {
    const requestA = await playwright.request.newContext({ baseURL });
    const requestB = await playwright.request.newContext({ baseURL });
    const a = await apiUser(requestA, 'rt-owner');
    const b = await apiUser(requestB, 'rt-other');
    const aLaptop = listen(baseURL!, a.cookie, 'shared-name');
    const bForged = listen(baseURL!, b.cookie, 'shared-name');
    await Promise.all([aLaptop.opened, bForged.opened]);
    await patchMe(requestA, baseURL!, a.cookie, 'a-phone', 'A secret name');
    await expect.poll(() => aLaptop.events.length).toBe(1);
    const bReplay = listen(baseURL!, b.cookie, 'b-replay', { lastEventId: aLaptop.events[0].id });
    await bReplay.opened;
    await sleep(1500);
    expect(bForged.events).toHaveLength(0);
    expect(bReplay.events.every((e) => e.channel === 'resync')).toBe(true);
    expect(JSON.stringify([...bForged.events, ...bReplay.events])).not.toContain('A secret name');

    const anonymous = listen(baseURL!, null, 'nobody');
    await expect(anonymous.opened).rejects.toThrow();
    expect(anonymous.status()).toBe(401);
    for (const l of [aLaptop, bForged, bReplay, anonymous]) l.close();
    await requestA.dispose();
    await requestB.dispose();
  });

  test('sends heartbeat comments and the SSE headers', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-hb');
    const controller = new AbortController();
    const res = await fetch(new URL('/api/events?deviceId=hb', baseURL), { headers: { cookie: a.cookie }, signal: controller.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    expect(res.headers.get('cache-control')).toBe('no-cache, no-transform');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const reader = res.body!.getReader();
    let text = '';
    const deadline = Date.now() + E2E_SSE_HEARTBEAT_MS * 3 + 1000;
    while (!text.includes(': hb') && Date.now() < deadline) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('retry: ');
    expect(text).toContain(': hb');
    controller.abort();
    await request.dispose();
  });

  test('cleans up every connection on disconnect: the count returns to zero', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-count');
    const streams = ['d1', 'd2', 'd3'].map((d) => listen(baseURL!, a.cookie, d));
    await Promise.all(streams.map((s) => s.opened));
    expect(await connections(request, a.cookie)).toBe(3);
    streams.forEach((s) => s.close());
    await expect.poll(() => connections(request, a.cookie)).toBe(0);
    await request.dispose();
  });

  test('merges a burst of 50 changes into one event per throttle window it spans, plus the first', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-burst');
    const watcher = listen(baseURL!, a.cookie, 'watcher');
    await watcher.opened;
    const started = Date.now();
    await Promise.all(Array.from({ length: 50 }, (_, i) => patchMe(request, baseURL!, a.cookie, `writer${i % 5}`, `name ${i}`)));
    // The throttle sends the first change at once and then at most one event per 1 s window that
    // saw a change: a burst inside one window is 2 events at most. On a loaded machine the 50
    // commits can spread over more windows; each window they reach may add one event, no more.
    const windows = Math.max(1, Math.ceil((Date.now() - started) / 1000));
    await sleep(2500);
    const profileEvents = watcher.events.filter((e) => e.changedScopes.includes('profile'));
    expect(profileEvents.length).toBeGreaterThanOrEqual(1);
    expect(profileEvents.length).toBeLessThanOrEqual(1 + windows);
    const merged = profileEvents.reduce((n, e) => n + (e.merged ?? 1), 0);
    expect(merged).toBe(50);
    watcher.close();
    await request.dispose();
  });

  test('merges a burst of task pushes into one event with the union of updatedTaskIds and the OR of todayCountChanged', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-union');
    const watcher = listen(baseURL!, a.cookie, 'watcher');
    await watcher.opened;
    const doc = new TaskDocument({ actor: randomUUID() });
    const list = doc.createList('Inbox');
    const listId = list.payload.listId;
    const push = async (ops: unknown[]) => {
      const res = await request.post('/api/sync/push', {
        data: { clientId: 'rt-union-client', ops },
        headers: { cookie: a.cookie, origin: baseURL!, 'x-device-id': 'writer' },
      });
      expect(res.status(), await res.text()).toBe(200);
    };
    const first = doc.addTask(listId, { title: 'First' });
    const dueToday = doc.addTask(listId, { title: 'Due today', dueDay: localDay(Date.now(), 'Europe/Berlin') });
    const someday = doc.addTask(listId, { title: 'Someday' });
    // The first push goes out at once; the next two land inside the throttle window and are merged.
    await push([list, first]);
    await push([dueToday]);
    await push([someday]);
    await expect.poll(() => watcher.events.filter((e) => e.channel === 'tasks').length, { timeout: 5_000 }).toBe(2);
    await sleep(1500);
    const [alone, merged] = watcher.events.filter((e) => e.channel === 'tasks');
    expect(alone.payload).toMatchObject({ scope: 'tasks', hints: { updatedTaskIds: [first.payload.taskId], todayCountChanged: false } });
    expect(merged).toMatchObject({ merged: 2, changedScopes: ['tasks'], sourceDeviceId: 'writer' });
    const hints = (merged.payload as { hints: { updatedTaskIds: string[]; todayCountChanged: boolean } }).hints;
    // Union, not the last push's ids; OR, not the last push's flag (the last one changed no count).
    expect([...hints.updatedTaskIds].sort()).toEqual([dueToday.payload.taskId, someday.payload.taskId].sort());
    expect(hints.todayCountChanged).toBe(true);
    expect(watcher.events.filter((e) => e.channel === 'tasks')).toHaveLength(2);
    watcher.close();
    await request.dispose();
  });

  test('merges changes of one scope that touched different scopes into one event with the union of changedScopes', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-scopes');
    const watcher = listen(baseURL!, a.cookie, 'watcher');
    await watcher.opened;
    const focus = async (verb: string, data: object) => {
      const res = await request.post(`/api/focus/${verb}`, { data, headers: { cookie: a.cookie, origin: baseURL!, 'x-device-id': 'writer' } });
      expect(res.status(), await res.text()).toBe(200);
    };
    await focus('start', { mode: 'focus', plannedMinutes: 25 }); // ['focus'], sent at once
    await focus('stop', { completed: false }); // ['focus', 'progress']
    await focus('start', { mode: 'focus', plannedMinutes: 25 }); // ['focus'], the last one
    await expect.poll(() => watcher.events.filter((e) => e.channel === 'timer').length, { timeout: 5_000 }).toBe(2);
    const [started, merged] = watcher.events.filter((e) => e.channel === 'timer');
    expect(started).toMatchObject({ type: 'started', changedScopes: ['focus'] });
    expect(merged).toMatchObject({ type: 'started', merged: 2 });
    expect([...merged.changedScopes].sort()).toEqual(['focus', 'progress']);
    watcher.close();
    await request.dispose();
  });
});

test.describe('GET /api/events with an API key', () => {
  async function keyUser(request: APIRequestContext, baseURL: string, prefix: string) {
    const user = await apiUser(request, prefix);
    return { user, ...(await createApiKey(request, baseURL, user.cookie)) };
  }

  test('streams to a valid Bearer key, answers a revoked one 401, and never takes a key in the URL', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const { user, key, id } = await keyUser(request, baseURL!, 'rt-key');
    const cli = listen(baseURL!, null, 'cli', { headers: bearer(key) });
    await cli.opened;
    expect(cli.status()).toBe(200);
    await patchMe(request, baseURL!, user.cookie, 'browser', 'Seen by the key');
    await expect.poll(() => cli.events.length).toBe(1);
    expect(cli.events[0]).toMatchObject({ channel: 'changed', changedScopes: ['profile'] });
    cli.close();

    const inUrl = await fetch(new URL(`/api/events?deviceId=cli&api_key=${key}`, baseURL));
    expect(inUrl.status).toBe(400);
    expect((await request.delete(`/api/api-keys/${id}`, { headers: { cookie: user.cookie, origin: baseURL! } })).status()).toBe(200);
    const revoked = listen(baseURL!, null, 'cli', { headers: bearer(key) });
    await expect(revoked.opened).rejects.toThrow();
    expect(revoked.status()).toBe(401);
    const wrong = listen(baseURL!, null, 'cli', { headers: bearer(`${key.slice(0, -4)}AAAA`) });
    await expect(wrong.opened).rejects.toThrow();
    expect(wrong.status()).toBe(401);
    await request.dispose();
  });

  test('closes an open stream when its key is revoked, and the client cannot come back', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const { user, key, id } = await keyUser(request, baseURL!, 'rt-revoke');
    const other = await createApiKey(request, baseURL!, user.cookie, 'kept');
    const doomed = listen(baseURL!, null, 'cli', { headers: bearer(key) });
    const kept = listen(baseURL!, null, 'desktop', { headers: bearer(other.key) });
    await Promise.all([doomed.opened, kept.opened]);
    expect(await connections(request, user.cookie)).toBe(2);
    expect((await request.delete(`/api/api-keys/${id}`, { headers: { cookie: user.cookie, origin: baseURL! } })).status()).toBe(200);
    await expect.poll(() => connections(request, user.cookie)).toBe(1);
    // The client retries after `retry:` and is refused for good.
    await expect.poll(() => doomed.readyState(), { timeout: 10_000 }).toBe(EventSource.CLOSED);
    expect(doomed.status()).toBe(401);
    expect(kept.readyState()).toBe(EventSource.OPEN);
    kept.close();
    await request.dispose();
  });

  test("closes a removed device's stream, and refuses it until it registers again", async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const { user, key } = await keyUser(request, baseURL!, 'rt-device');
    const res = await request.post('/api/devices', { data: { label: 'Phone', platform: 'ios' }, headers: bearer(key) });
    expect(res.status()).toBe(201);
    const device = await res.json();
    const phone = listen(baseURL!, null, device.id, { headers: bearer(key) });
    await phone.opened;
    await expect
      .poll(async () =>
        (await (await request.get('/api/realtime/devices', { headers: { cookie: user.cookie } })).json()).devices.map((d: { deviceId: string }) => d.deviceId),
      )
      .toEqual([device.id]);
    expect((await request.delete(`/api/devices/${device.id}`, { headers: bearer(key) })).status()).toBe(200);
    await expect.poll(() => connections(request, user.cookie)).toBe(0);
    await expect.poll(() => phone.readyState(), { timeout: 10_000 }).toBe(EventSource.CLOSED);
    expect(phone.status()).toBe(404);
    await request.dispose();
  });
});
