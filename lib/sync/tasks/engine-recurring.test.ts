import { describe, expect, it, vi } from 'vitest';
import { repeatRules } from '@/lib/shared/recurrence';
import { openTab, oneBrowserPerTest, otherDevice, ready, server } from './engine-harness';

oneBrowserPerTest();

const DAILY = { rule: 'FREQ=DAILY', from: 'due' as const };

describe('SyncEngine: repeating tasks', () => {
  // First in the file: this tab has not loaded the repeat rules yet (the file's module graph is its own).
  it('completing a repeating task made elsewhere loads the rules first, and adds its next occurrence', async () => {
    expect(repeatRules()).toBeNull();
    const other = otherDevice();
    const list = other.createList('Chores');
    const listId = list.payload.listId;
    const made = other.addTaskWithDetails(listId, {
      title: 'Water plants',
      dueDay: '2026-03-10',
      recurrence: { rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' },
    });
    server.receive([list, ...made]);
    const tab = openTab('a');
    await ready(tab);
    await vi.waitFor(() => expect(tab.engine.getState().lists[0]?.tasks).toHaveLength(1));
    expect(repeatRules()).toBeNull();

    await tab.engine.completeTask(listId, made[0].payload.taskId, '2026-03-10');
    expect(repeatRules()).not.toBeNull();
    const open = tab.engine.getState().lists[0].tasks.filter((t) => !t.completed);
    expect(open.map((t) => [t.id, t.dueDay])).toEqual([[`${made[0].payload.taskId}_r1`, '2026-03-13']]);
  });

  it('a browser offline and another device complete the same occurrence; after syncing both show one next occurrence', async () => {
    const tab = openTab('a');
    await ready(tab);
    const listId = await tab.engine.createList('Chores');
    const seriesId = await tab.engine.addTaskWithDetails(listId, { title: 'Water plants', dueDay: '2026-03-10', priority: 2, recurrence: DAILY });
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));

    // The other device has everything so far, then completes the occurrence on the 11th.
    const other = otherDevice();
    other.applyAll(server.ops());
    server.receive(other.completeTask(listId, seriesId, '2026-03-11'));

    // Meanwhile this browser, offline, completes it on the 10th.
    tab.network.set(false);
    await tab.engine.completeTask(listId, seriesId, '2026-03-10');
    const open = () => tab.engine.getState().lists[0].tasks.filter((t) => !t.completed);
    expect(open().map((t) => [t.id, t.dueDay, t.priority])).toEqual([[`${seriesId}_r1`, '2026-03-11', 2]]);

    tab.network.set(true);
    await vi.waitFor(() => expect(tab.engine.getState().pendingOps).toBe(0));
    await tab.engine.syncNow();
    const serverOpen = server
      .document()
      .lists()[0]
      .tasks.filter((t) => !t.completed);
    expect(serverOpen.map((t) => t.id)).toEqual([`${seriesId}_r1`]);
    expect(open()).toEqual(serverOpen);
    expect(server.document().toSnapshot()).toBe(
      (() => {
        other.applyAll(server.ops());
        return other.toSnapshot();
      })(),
    );
  });
});
