import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { addDays } from '../days';
import { loadRepeatRules, type Recurrence } from '../recurrence';
import { TaskDocument } from './document';
import type { OpEnvelope } from './ops';
import { shuffled } from './testing/shuffle';

// Completing a repeating task expands its rule: a browser loads the rules on demand (decision 071).
beforeAll(() => loadRepeatRules());

const TODAY = '2026-03-09';
const DAILY: Recurrence = { rule: 'FREQ=DAILY', from: 'due' };
const RULES: (Recurrence | null)[] = [DAILY, { rule: 'FREQ=WEEKLY;BYDAY=MO,TH', from: 'due' }, { rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' }, null];

interface Device {
  doc: TaskDocument;
  made: OpEnvelope[];
  seen: Set<OpEnvelope>;
}

/** A list with one repeating task, known to every device; `all` collects every op ever made. */
function setUp(count: number) {
  let n = 0;
  const devices: Device[] = Array.from({ length: count }, (_, i) => ({
    doc: new TaskDocument({ actor: `dev${i}`, newId: () => `id-${i}-${++n}` }),
    made: [],
    seen: new Set(),
  }));
  const [first] = devices;
  const list = first.doc.createList('Chores');
  const listId = list.payload.listId;
  const task = first.doc.addTaskWithDetails(listId, { title: 'Water plants', dueDay: TODAY, priority: 2, dueTime: '08:00', recurrence: DAILY, reminder: 15 });
  const all: OpEnvelope[] = [list, ...task];
  for (const d of devices) for (const op of all) receive(d, op);
  return { devices, listId, seriesId: task[0].payload.taskId, all };
}

function receive(device: Device, op: OpEnvelope): void {
  if (device.seen.has(op)) return;
  device.seen.add(op);
  device.doc.apply(op);
}

const seriesTasks = (doc: TaskDocument, listId: string, seriesId: string) =>
  doc
    .lists()
    .find((l) => l.id === listId)!
    .tasks.filter((t) => t.id === seriesId || t.id.startsWith(`${seriesId}_r`));

describe('completing a repeating task', () => {
  it('adds the next occurrence with the same details, under the series id numbered one up', () => {
    const { devices, listId, seriesId } = setUp(1);
    const [{ doc }] = devices;
    doc.completeTask(listId, seriesId, TODAY);
    const next = doc.task(`${seriesId}_r1`);
    expect(next).toMatchObject({
      title: 'Water plants',
      dueDay: addDays(TODAY, 1),
      priority: 2,
      dueTime: '08:00',
      recurrence: DAILY,
      reminder: 15,
      completed: false,
    });
    expect(doc.task(seriesId)?.completed).toBe(true);
    // Completing a completed occurrence again adds nothing.
    expect(doc.completeTask(listId, seriesId, TODAY)).toHaveLength(1);
  });

  it('two devices completing the same occurrence offline, on different days, converge to one next occurrence', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.integer({ min: -2, max: 5 }), { minLength: 4, maxLength: 4 }),
        fc.integer(),
        (count, lateness, seed) => {
          const { devices, listId, seriesId, all } = setUp(count);
          for (const [i, d] of devices.entries()) {
            const ops = d.doc.completeTask(listId, seriesId, addDays(TODAY, lateness[i]));
            d.made.push(...ops);
            all.push(...ops);
            for (const op of ops) d.seen.add(op);
          }
          const late = new TaskDocument();
          for (const op of shuffled(all, seed)) late.apply(op);
          for (const d of devices) for (const op of shuffled(all, seed + 1)) receive(d, op);
          const snapshots = new Set([late, ...devices.map((d) => d.doc)].map((doc) => doc.toSnapshot()));
          expect(snapshots.size).toBe(1);
          const open = seriesTasks(late, listId, seriesId).filter((t) => !t.completed);
          expect(open.map((t) => t.id)).toEqual([`${seriesId}_r1`]);
        },
      ),
    );
  });

  type Step = { device: number; action: 'complete' | 'rule' | 'delete' | 'sync'; pick: number; day: number };
  const step: fc.Arbitrary<Step> = fc.record({
    device: fc.integer({ min: 0, max: 2 }),
    action: fc.constantFrom('complete', 'complete', 'rule', 'delete', 'sync'),
    pick: fc.nat(),
    day: fc.integer({ min: 0, max: 6 }),
  });

  it('under random completions, rule edits, deletes and partial syncs, every replica converges and a series never has two open occurrences', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), fc.integer(), (steps, seed) => {
        const { devices, listId, seriesId, all } = setUp(3);
        for (const s of steps) {
          const d = devices[s.device];
          if (s.action === 'sync') {
            const other = devices[(s.device + 1 + (s.pick % 2)) % 3];
            for (const op of all) if (other.seen.has(op)) receive(d, op);
            continue;
          }
          const open = seriesTasks(d.doc, listId, seriesId).filter((t) => !t.completed);
          const target = open[s.pick % Math.max(open.length, 1)];
          if (!target) continue;
          let ops: OpEnvelope[];
          if (s.action === 'complete') ops = d.doc.completeTask(listId, target.id, addDays(TODAY, s.day));
          else if (s.action === 'delete') ops = [d.doc.deleteTask(listId, target.id)];
          else ops = [d.doc.setRecurrence(listId, target.id, RULES[s.pick % RULES.length])];
          for (const op of ops) d.seen.add(op);
          all.push(...ops);
        }
        for (const d of devices) for (const op of shuffled(all, seed)) receive(d, op);
        const fresh = new TaskDocument();
        for (const op of shuffled(all, seed + 7)) fresh.apply(op);
        expect(new Set([fresh, ...devices.map((d) => d.doc)].map((doc) => doc.toSnapshot())).size).toBe(1);
        expect(seriesTasks(fresh, listId, seriesId).filter((t) => !t.completed).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('before the repeat rules are loaded', () => {
  it('refuses an edit that needs them before changing anything, and makes it once they are loaded', async () => {
    // A fresh module graph: a browser tab that has not loaded the rules yet.
    vi.resetModules();
    const fresh = await import('../recurrence');
    const { TaskDocument: FreshDocument } = await import('./document');
    expect(fresh.repeatRules()).toBeNull();
    const server = new TaskDocument({ actor: 'server-side' });
    const list = server.createList('Chores');
    const listId = list.payload.listId;
    const made = server.addTaskWithDetails(listId, { title: 'Water plants', dueDay: TODAY, recurrence: DAILY });
    const doc = new FreshDocument({ actor: 'tab' });
    doc.applyAll([list, ...made]);
    const taskId = made[0].payload.taskId;
    const before = doc.toSnapshot();

    expect(() => doc.completeTask(listId, taskId, TODAY)).toThrow(fresh.RepeatRulesNeeded);
    expect(() => doc.addTaskWithDetails(listId, { title: 'Feed cat', dueDay: TODAY, recurrence: DAILY })).toThrow(fresh.RepeatRulesNeeded);
    expect(() => doc.setDetails(listId, taskId, { priority: 1, recurrence: DAILY })).toThrow(fresh.RepeatRulesNeeded);
    expect(doc.toSnapshot()).toBe(before);
    // A task that does not repeat completes without them.
    const plain = server.addTask(listId, { title: 'Post a letter', dueDay: TODAY });
    doc.apply(plain);
    expect(doc.completeTask(listId, plain.payload.taskId, TODAY)).toHaveLength(1);

    await fresh.loadRepeatRules();
    const ops = doc.completeTask(listId, taskId, TODAY);
    expect(ops.map((op) => op.payload.type)).toEqual(['setCompleted', 'addTask', 'setRecurrence']);
    expect(doc.task(`${taskId}_r1`)?.dueDay).toBe(addDays(TODAY, 1));
  });
});
