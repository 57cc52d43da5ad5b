import { describe, expect, it } from 'vitest';
import { MAX_KEPT_OPS, readOps } from './check';
import { TaskDocument, type KeptOpEnvelope } from './index';

// This build plays the older replica: it knows today's op types and registers; `setColour` and a
// task's `colour` register stand for a newer build's (protocol-spec.md, "Versioning").
function home() {
  const doc = new TaskDocument({
    actor: 'older',
    newId: (() => {
      let n = 0;
      return () => `id${(n += 1)}`;
    })(),
  });
  const list = doc.createList('Home');
  const task = doc.addTask(list.payload.listId, { title: 'Water plants' });
  return { doc, listId: list.payload.listId, taskId: task.payload.taskId };
}
const colour = (listId: string, taskId: string, clock: number, value = 'teal'): KeptOpEnvelope => ({
  scope: 'list',
  resourceId: listId,
  actor: 'newer',
  clock,
  payload: { type: 'setColour', taskId, colour: value },
});

describe('an op type this build does not know', () => {
  it('is told apart from the ops it reads and from what is no op at all', () => {
    const { doc, listId, taskId } = home();
    const known = doc.setCompleted(listId, taskId, true);
    const future = colour(listId, taskId, 9);
    const malformedKnown = { ...known, payload: { ...known.payload, completed: 'yes' } };
    const read = readOps([known, future, malformedKnown, { scope: 'list' }, null, { ...future, payload: { type: '__proto__' } }]);
    expect(read.ops).toEqual([known]);
    expect(read.kept).toEqual([future]);
    expect(read.unreadable).toBe(4);
  });

  it('is kept: it survives the snapshot, its clock orders the replica after it, and it changes nothing else', () => {
    const { doc, listId, taskId } = home();
    const before = doc.toSnapshot();
    const future = colour(listId, taskId, 40);
    doc.keep(future);
    doc.keep(future);
    expect(doc.kept()).toEqual([future]);
    expect(doc.lists()).toEqual(TaskDocument.fromSnapshot(before).lists());
    const next = doc.editTask(listId, taskId, { title: 'Water the plants' });
    expect(next.clock).toBeGreaterThan(40);

    const reloaded = TaskDocument.fromSnapshot(doc.toSnapshot());
    expect(reloaded.kept()).toEqual([future]);
    expect(reloaded.toSnapshot()).toBe(doc.toSnapshot());
    // A replica that keeps nothing writes the snapshot it always wrote.
    expect(before).not.toContain('kept');
  });

  it('is kept up to a bound; past it the replica says it dropped one', () => {
    const { doc, listId, taskId } = home();
    for (let clock = 10; clock < 10 + MAX_KEPT_OPS; clock++) doc.keep(colour(listId, taskId, clock));
    expect(doc.droppedKept).toBe(false);
    doc.keep(colour(listId, taskId, 10 + MAX_KEPT_OPS));
    expect(doc.kept()).toHaveLength(MAX_KEPT_OPS);
    expect(doc.droppedKept).toBe(true);
    expect(doc.clock).toBe(10 + MAX_KEPT_OPS);
  });

  it('takes effect in a build that reads it, from the snapshot an older build wrote', () => {
    const { doc, listId, taskId } = home();
    const priority = { scope: 'list', resourceId: listId, actor: 'newer', clock: 50, payload: { type: 'setPriority', taskId, priority: 2 } } as const;
    const older = JSON.parse(doc.toSnapshot()) as Record<string, unknown>;
    const written = JSON.stringify({ ...older, kept: [priority] });
    const newer = TaskDocument.fromSnapshot(written);
    expect(newer.task(taskId)?.priority).toBe(2);
    expect(newer.kept()).toEqual([]);
  });
});

describe('a register this build does not know', () => {
  function withColour(doc: TaskDocument, taskId: string, value: string, clock: number): string {
    const snapshot = JSON.parse(doc.toSnapshot()) as { lists: [string, { actors: string[]; tasks: [string, Record<string, unknown>][] }][] };
    const body = snapshot.lists[0]![1];
    const entry = body.tasks.find(([id]) => id === taskId)![1];
    body.actors.push('newer');
    entry.colour = [value, clock, body.actors.length - 1];
    return JSON.stringify(snapshot);
  }

  it('loads, is passed on unchanged in the replica’s own snapshot, and merges by its stamp', () => {
    const { doc, taskId } = home();
    const teal = withColour(doc, taskId, 'teal', 60);
    const loaded = TaskDocument.fromSnapshot(teal);
    expect(loaded.task(taskId)?.title).toBe('Water plants');
    expect(loaded.toSnapshot()).toContain('"colour":["teal",60,');
    expect(TaskDocument.fromSnapshot(loaded.toSnapshot()).toSnapshot()).toBe(loaded.toSnapshot());

    const red = TaskDocument.fromSnapshot(withColour(doc, taskId, 'red', 70));
    for (const [a, b] of [
      [loaded, red],
      [red, loaded],
    ] as const) {
      for (const { scope, resourceId } of b.resources()) a.loadResource(scope, resourceId, b.snapshotResource(scope, resourceId));
    }
    expect(loaded.toSnapshot()).toBe(red.toSnapshot());
    expect(loaded.toSnapshot()).toContain('"colour":["red",70,');
  });

  it('is refused under a name that is no register name, or past a few; __proto__ is dropped', () => {
    const { doc, taskId } = home();
    expect(() => TaskDocument.fromSnapshot(withColour(doc, taskId, 'teal', 60).replace('"colour"', '"Colour!"'))).toThrow(/Not a register name/);
    const proto = TaskDocument.fromSnapshot(withColour(doc, taskId, 'teal', 60).replace('"colour"', '"__proto__"'));
    expect(proto.toSnapshot()).toBe(doc.toSnapshot());
    const snapshot = JSON.parse(doc.toSnapshot()) as { lists: [string, { tasks: [string, Record<string, unknown>][] }][] };
    const entry = snapshot.lists[0]![1].tasks[0]![1];
    for (let i = 0; i < 33; i++) entry[`field${i}`] = ['x', 1, 0];
    expect(() => TaskDocument.fromSnapshot(JSON.stringify(snapshot))).toThrow(/registers this build does not know/);
  });
});
