import { describe, expect, it, vi } from 'vitest';
import { OPS_VERSION, TaskDocument, type KeptOpEnvelope, type OpEnvelope } from '@/lib/shared/crdt';
import { close, eavesdrop, openTab, oneBrowserPerTest, otherDevice, ready, server, titles } from './engine-harness';
import { openTaskStore } from './store';

oneBrowserPerTest();

const storedDoc = async () => {
  const store = await openTaskStore('user-1');
  const state = (await store.loadState())!;
  store.close();
  return { state, doc: TaskDocument.fromSnapshot(state.snapshot) };
};

/** A task with a priority, synced by a tab that then closed: what a build stored. */
async function taskWithPriorityStored() {
  const other = otherDevice();
  const list = other.createList('Home');
  const task = other.addTask(list.payload.listId, { title: 'Water plants' });
  const priority = other.setPriority(list.payload.listId, task.payload.taskId, 1);
  server.receive([list, task, priority]);
  const first = openTab('a');
  await ready(first);
  await vi.waitFor(() => expect(first.engine.getState().lists[0]?.tasks[0]?.priority).toBe(1));
  close(first);
  return { list, task, priority };
}

// This build plays the older client: it knows only today's op types, and `setColour` is a newer build's.
describe('SyncEngine: op types of a newer build', () => {
  it('keeps an op type it does not know and passes it on: stored state, other tabs, a tab that takes over', async () => {
    const other = otherDevice();
    const list = other.createList('Home');
    const task = other.addTask(list.payload.listId, { title: 'Water plants' });
    const future: KeptOpEnvelope = { ...task, clock: task.clock + 1, payload: { type: 'setColour', taskId: task.payload.taskId, colour: 'teal' } };
    server.receive([list, task]);

    const a = openTab('a');
    await ready(a);
    const b = openTab('b');
    await ready(b, false);
    await vi.waitFor(() => expect(titles(b)).toEqual(['Water plants']));
    const heard = eavesdrop();
    server.receive([future as unknown as OpEnvelope]);
    a.realtime.nudge();
    await vi.waitFor(() => expect(a.engine.getState().error).toMatch(/newer version of the app/));

    // Its replica is whole (only the colour is missing), the op is stored with it, and relayed to the tabs.
    const stored = await storedDoc();
    expect(stored.doc.kept()).toEqual([future]);
    expect(stored.state.skippedUnder).toBeUndefined();
    expect(stored.doc.task(task.payload.taskId)).toMatchObject({ title: 'Water plants', completed: false });
    expect(heard.filter((m) => m.kind === 'pulled').flatMap((m) => m.ops)).toEqual([future]);

    // Tab b keeps it too: with a stored state that lost it, b takes over and stores it again.
    close(a);
    const store = await openTaskStore('user-1');
    const withoutKept = new TaskDocument();
    withoutKept.applyAll([list, task]);
    await store.commit({ state: { snapshot: withoutKept.toSnapshot(), cursor: stored.state.cursor }, force: true });
    store.close();
    await vi.waitFor(() => expect(b.engine.getState().leader).toBe(true));
    await b.engine.addTask(list.payload.listId, { title: 'Feed cat' });
    await vi.waitFor(async () => expect((await storedDoc()).doc.kept()).toEqual([future]));
    expect((await storedDoc()).doc.lists()[0]?.tasks.map((t) => t.title)).toEqual(['Water plants', 'Feed cat']);
  });

  it('a build that reads a kept op applies it from the stored state, with no bootstrap', async () => {
    const { priority } = await taskWithPriorityStored();

    // What an older build that did not know setPriority stored: the task, and the priority op kept.
    const { state } = await storedDoc();
    const older = TaskDocument.fromSnapshot(state.snapshot.replace(/"priority":\[[^\]]*\],?/g, '').replace(',}', '}'));
    older.keep(priority as unknown as KeptOpEnvelope);
    const store = await openTaskStore('user-1');
    await store.commit({ state: { snapshot: older.toSnapshot(), cursor: state.cursor }, force: true });
    store.close();

    server.calls.length = 0;
    const updated = openTab('b');
    await ready(updated);
    expect(updated.engine.getState().lists[0]?.tasks[0]?.priority).toBe(1);
    expect(server.calls.map((c) => c.path)).not.toContain('/api/sync/bootstrap');
  });

  it('a newer build than one that skipped ops (before ops were kept) bootstraps, and shows what it could not read', async () => {
    const { list, task } = await taskWithPriorityStored();

    // What such an older build kept: the same cursor, a replica without the priority, and the mark.
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
