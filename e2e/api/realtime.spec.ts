import { expect, test } from '@playwright/test';
import { E2E_SSE_HEARTBEAT_MS } from '../../playwright.config';
import { apiUser, connections, listen, patchMe, sleep } from '../sse-helpers';

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
    expect(laptop.events[0].id).toMatch(/^[a-z0-9]+:\d+$/);
    await sleep(1200);
    expect(phone.events).toHaveLength(0);
    phone.close();
    laptop.close();
    await request.dispose();
  });

  test("user B never receives user A's events: not with a forged device id, not with A's Last-Event-ID, not without a session", async ({ playwright, baseURL }) => {
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

  test('merges a burst of 50 changes into at most 2 events', async ({ baseURL, playwright }) => {
    const request = await playwright.request.newContext({ baseURL });
    const a = await apiUser(request, 'rt-burst');
    const watcher = listen(baseURL!, a.cookie, 'watcher');
    await watcher.opened;
    await Promise.all(Array.from({ length: 50 }, (_, i) => patchMe(request, baseURL!, a.cookie, `writer${i % 5}`, `name ${i}`)));
    await sleep(2500);
    const profileEvents = watcher.events.filter((e) => e.changedScopes.includes('profile'));
    expect(profileEvents.length).toBeGreaterThanOrEqual(1);
    expect(profileEvents.length).toBeLessThanOrEqual(2);
    const merged = profileEvents.reduce((n, e) => n + (e.merged ?? 1), 0);
    expect(merged).toBe(50);
    watcher.close();
    await request.dispose();
  });
});
