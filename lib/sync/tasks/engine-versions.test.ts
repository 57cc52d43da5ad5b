import { describe, expect, it, vi } from 'vitest';
import { OPS_VERSION, TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { close, openTab, oneBrowserPerTest, otherDevice, ready, server, titles } from './engine-harness';
import { openTaskStore } from './store';

oneBrowserPerTest();

describe('SyncEngine: op types of a newer build', () => {
  it('skips an op type it does not know, applies the rest, says to update, and records that it skipped', async () => {
    const other = otherDevice();
    const list = other.createList('Home');
    const task = other.addTask(list.payload.listId, { title: 'Water plants' });
    const future = { ...task, clock: task.clock + 1, payload: { type: 'setColour', taskId: task.payload.taskId, colour: 'teal' } } as unknown as OpEnvelope;
    server.receive([list, task, future]);

    const tab = openTab('a');
    await ready(tab);
    await vi.waitFor(() => expect(titles(tab)).toEqual(['Water plants']));
    await vi.waitFor(() => expect(tab.engine.getState().error).toMatch(/newer version of the app/));
    const store = await openTaskStore('user-1');
    expect((await store.loadState())?.skippedUnder).toBe(OPS_VERSION);
    store.close();
  });

  it('a newer build than the one that skipped ops bootstraps, and shows what the older one could not read', async () => {
    const other = otherDevice();
    const list = other.createList('Home');
    const task = other.addTask(list.payload.listId, { title: 'Water plants' });
    const priority = other.setPriority(list.payload.listId, task.payload.taskId, 1);
    server.receive([list, task, priority]);
    const first = openTab('a');
    await ready(first);
    await vi.waitFor(() => expect(first.engine.getState().lists[0]?.tasks[0]?.priority).toBe(1));
    close(first);

    // What an older build kept: the same cursor, a replica without the priority, and the mark.
    const store = await openTaskStore('user-1');
    const stored = (await store.loadState())!;
    const older = new TaskDocument();
    older.applyAll([list, task]);
    await store.commit({ state: { snapshot: older.toSnapshot(), cursor: stored.cursor, skippedUnder: OPS_VERSION - 1 }, force: true });
    store.close();

    server.calls.length = 0;
    const updated = openTab('b');
    await ready(updated);
    await vi.waitFor(() => expect(updated.engine.getState().lists[0]?.tasks[0]?.priority).toBe(1));
    expect(server.calls.map((c) => c.path)).toContain('/api/sync/bootstrap');
    const after = await openTaskStore('user-1');
    expect((await after.loadState())?.skippedUnder).toBeUndefined();
    after.close();
  });
});
