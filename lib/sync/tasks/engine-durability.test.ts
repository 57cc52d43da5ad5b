import { describe, expect, it, vi } from 'vitest';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import {
  clock,
  close,
  nextId,
  openTab,
  otherDevice,
  oneBrowserPerTest,
  pushes,
  ready,
  S,
  server,
  serverTitles,
  titles,
  type Tab,
  serverListNames,
} from './engine-harness';
import { openTaskStore } from './store';

oneBrowserPerTest();

describe('SyncEngine: durability', () => {
  it('keeps local ops across a reload before they were pushed, then pushes them once online', async () => {
    const first = openTab('a', { online: false });
    await ready(first);
    const listId = await first.engine.createList('Errands');
    await first.engine.addTask(listId, { title: 'Buy stamps', dueDay: '2026-03-10' });
    expect(first.engine.getState().pendingOps).toBe(2);
    close(first);
    expect(server.calls).toEqual([]);

    const reloaded = openTab('a2', { online: false });
    await ready(reloaded);
    expect(titles(reloaded)).toEqual(['Buy stamps']);
    expect(reloaded.engine.getState().pendingOps).toBe(2);

    reloaded.network.set(true);
    await vi.waitFor(() => expect(reloaded.engine.getState().pendingOps).toBe(0));
    expect(serverTitles()).toEqual(['Buy stamps']);
    expect(reloaded.engine.getState().counts).toEqual({ today: 1, overdue: 0, open: 1 });
  });

  it('applies a local op at once and resolves only after the op is in the IndexedDB outbox', async () => {
    const tab = openTab('a', { online: false });
    await ready(tab);
    const saved = tab.engine.createList('Home');
    expect(tab.engine.getState().lists.map((l) => l.name)).toEqual(['Home']);
    await saved;
    const store = await openTaskStore('user-1');
    expect((await store.outbox()).map((e) => e.op.payload.type)).toEqual(['createList']);
    store.close();
  });

  it('restores the saved document and cursor after a reload and pulls only what is newer', async () => {
    const first = openTab('a');
    await ready(first);
    const listId = await first.engine.createList('Work');
    await first.engine.addTask(listId, { title: 'Write report' });
    await vi.waitFor(() => expect(first.engine.getState().pendingOps).toBe(0));
    close(first);

    const other = otherDevice();
    server.receive([other.createList('Shared')]);
    server.calls.length = 0;
    const reloaded = openTab('a2');
    await ready(reloaded);
    await vi.waitFor(() => expect(reloaded.engine.getState().lists.map((l) => l.name)).toEqual(['Work', 'Shared']));
    expect(server.calls.map((c) => c.path)).toEqual(['/api/sync/pull']);
    expect(titles(reloaded)).toEqual(['Write report']);
  });
});

describe('SyncEngine: pushing', () => {
  it('pushes a large outbox in batches of at most 500 ops', async () => {
    const seed = new TaskDocument({ actor: 'seed-actor', newId: () => `seed${nextId()}` });
    const big = seed.createList('Big');
    const ops: OpEnvelope[] = [big, seed.createList('Other')];
    for (let i = 0; i < 1199; i++) ops.push(seed.addTask(big.payload.listId, { title: `Task ${i}` }));
    const store = await openTaskStore('user-1');
    await store.append(ops);
    store.close();

    const tab = openTab('a');
    await ready(tab);
    // 1,201 ops through IndexedDB and three pushes: over vi.waitFor's default second on a slow machine.
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0), { timeout: 4_000 });
    expect(pushes().map((c) => c.pushed)).toEqual([500, 500, 201]);
    expect(server.opCount()).toBe(1201);
    expect(tab.engine.getState().lists.find((l) => l.name === 'Big')?.tasks).toHaveLength(1199);
  });

  it('retries a push failing with 503 after 1 s, 2 s and 4 s, then delivers it', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.calls.length = 0;
    server.fail(3, 503);
    await tab.engine.createList('Retry me');
    await vi.waitFor(() => expect(tab.engine.getState().error).toMatch(/Sync failed/));
    expect(pushes()).toHaveLength(1);

    for (const [delay, attempts] of [
      [1 * S, 2],
      [2 * S, 3],
      [4 * S, 4],
    ] as const) {
      await clock.advance(delay - 1);
      expect(pushes()).toHaveLength(attempts - 1);
      await clock.advance(1);
      await vi.waitFor(() => expect(pushes()).toHaveLength(attempts));
    }
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(pushes().map((c) => c.status)).toEqual([503, 503, 503, 200]);
    expect(tab.engine.getState().error).toBeNull();
  });

  it('shows offline after a network error and retries with backoff until the push gets through', async () => {
    const tab = openTab('a');
    await ready(tab);
    server.fail(2, 'network');
    await tab.engine.createList('Flaky');
    await vi.waitFor(() => expect(tab.engine.getState().online).toBe(false));
    expect(tab.engine.getState().pendingOps).toBe(1);
    await clock.advance(1 * S);
    await clock.advance(2 * S);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(tab.engine.getState().online).toBe(true);
    expect(serverListNames()).toEqual(['Flaky']);
  });

  it('treats a push the server already stored (answer lost, retry reports a duplicate) as acknowledged', async () => {
    const tab = openTab('a');
    await ready(tab);
    const listId = await tab.engine.createList('Once');
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));

    server.loseNextAnswer();
    await tab.engine.addTask(listId, { title: 'Only one copy' });
    await vi.waitFor(() => expect(tab.engine.getState().online).toBe(false));
    expect(server.opCount()).toBe(2);
    expect(tab.engine.getState().pendingOps).toBe(1);

    await clock.advance(1 * S);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(pushes().at(-1)).toMatchObject({ status: 200, duplicates: 1 });
    expect(server.opCount()).toBe(2);
    expect(titles(tab)).toEqual(['Only one copy']);
    expect(server.document().lists()).toEqual(tab.engine.getState().lists);
  });

  it('sets aside an op the server refuses by index and pushes the rest of the batch', async () => {
    const tab = openTab('a', { online: false });
    await ready(tab);
    const listId = await tab.engine.createList('Mixed');
    await tab.engine.addTask(listId, { title: 'refuse me' });
    await tab.engine.addTask(listId, { title: 'keep me' });
    server.refuseTitle = 'refuse me';
    tab.network.set(true);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(serverTitles()).toEqual(['keep me']);
    expect(tab.engine.getState().error).toMatch(/set aside/);
  });
});

describe('SyncEngine: cursor expiry', () => {
  it('re-bootstraps on 410, keeps the outbox on top of the new state and pushes it afterwards', async () => {
    const tab = openTab('a');
    await ready(tab);
    const listId = await tab.engine.createList('Garden');
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));

    const other = otherDevice();
    other.applyAll(server.ops());
    server.receive([other.addTask(listId, { title: 'Water the roses' })]);
    server.compact();
    server.retire(clientIdOf(tab));
    tab.network.set(false);
    await tab.engine.addTask(listId, { title: 'Mow the lawn' });
    server.calls.length = 0;

    tab.network.set(true);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    expect(server.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      'POST /api/tasks/sync 410',
      'GET /api/sync/bootstrap 200',
      'POST /api/tasks/sync 200',
    ]);
    expect(titles(tab).sort()).toEqual(['Mow the lawn', 'Water the roses']);
    expect(serverTitles().sort()).toEqual(['Mow the lawn', 'Water the roses']);
  });
});

function clientIdOf(tab: Tab): string {
  return (tab.engine as unknown as { clientId: string }).clientId;
}
