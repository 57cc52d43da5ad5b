import { LIVE_SAFETY_PULL_MS } from './engine';
import { describe, expect, it, vi } from 'vitest';
import { clock, close, openTab, otherDevice, oneBrowserPerTest, pushes, ready, S, server, titles, serverListNames } from './engine-harness';
import { openTaskStore } from './store';

oneBrowserPerTest();

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
    expect(serverListNames()).toEqual(['After the handover']);
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
