import { describe, expect, it } from 'vitest';
import { TaskDocument } from './document';
import type { ListOp, ListOpEnvelope, OpEnvelope, RegistryOp, RegistryOpEnvelope } from './ops';

function ids(actor: string): () => string {
  let n = 0;
  return () => `${actor}-${++n}`;
}

function replica(actor: string): TaskDocument {
  return new TaskDocument({ actor, newId: ids(actor) });
}

/** A second device of the user, bootstrapped from `from`'s state. */
function bootstrap(from: TaskDocument, actor: string): TaskDocument {
  return TaskDocument.fromSnapshot(from.toSnapshot(), { actor, newId: ids(actor) });
}

function listOp(actor: string, clock: number, resourceId: string, payload: ListOp): ListOpEnvelope {
  return { scope: 'list', resourceId, actor, clock, payload };
}

function registryOp(actor: string, clock: number, payload: RegistryOp): RegistryOpEnvelope {
  return { scope: 'registry', resourceId: 'registry', actor, clock, payload };
}

/** Delivers ops to each replica, in the order given. */
function deliver(ops: readonly OpEnvelope[], ...replicas: TaskDocument[]): void {
  for (const doc of replicas) doc.applyAll(ops);
}

const titles = (doc: TaskDocument, listId: string) =>
  doc
    .lists()
    .find((l) => l.id === listId)
    ?.tasks.map((t) => t.title);

describe('TaskDocument ops', () => {
  it('createList, renameList, archiveList and deleteList change the lists a user sees', () => {
    const doc = replica('ann');
    const inbox = doc.createList('  Inbox ').payload.listId;
    const work = doc.createList('Work').payload.listId;
    doc.renameList(work, 'Job');
    doc.archiveList(inbox);
    expect(doc.lists()).toEqual([
      { id: inbox, name: 'Inbox', archived: true, tasks: [] },
      { id: work, name: 'Job', archived: false, tasks: [] },
    ]);
    doc.archiveList(inbox, false);
    doc.deleteList(work);
    expect(doc.lists()).toEqual([{ id: inbox, name: 'Inbox', archived: false, tasks: [] }]);
  });

  it('addTask goes last by default, or right after or before another task, and keeps its optional fields', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    const a = doc.addTask(list, { title: 'A' }).payload.taskId;
    const c = doc.addTask(list, { title: 'C', notes: 'by noon', dueDay: '2026-03-10' }).payload.taskId;
    doc.addTask(list, { title: 'B', after: a });
    doc.addTask(list, { title: 'Start', before: a });
    doc.addTask(list, { title: 'B2', after: a, before: c });
    expect(titles(doc, list)).toEqual(['Start', 'A', 'B2', 'B', 'C']);
    expect(doc.task(c)).toMatchObject({ listId: list, title: 'C', notes: 'by noon', dueDay: '2026-03-10', completed: false });
    expect(doc.task(a)).toMatchObject({ notes: '', dueDay: null });
  });

  it('editTask changes only the fields given; setDue, setCompleted and moveTask each change one field', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    const first = doc.addTask(list, { title: 'Buy milk', notes: 'oat', dueDay: '2026-03-10' }).payload.taskId;
    const second = doc.addTask(list, { title: 'Pay rent' }).payload.taskId;
    doc.editTask(list, first, { title: ' Buy oat milk ' });
    expect(doc.task(first)).toMatchObject({ title: 'Buy oat milk', notes: 'oat' });
    doc.editTask(list, first, { notes: '' });
    doc.setDue(list, first, null);
    doc.setCompleted(list, first, true);
    doc.moveTask(list, first, { after: second });
    expect(doc.task(first)).toMatchObject({ title: 'Buy oat milk', notes: '', dueDay: null, completed: true });
    expect(titles(doc, list)).toEqual(['Pay rent', 'Buy oat milk']);
  });

  it('deleteTask removes a task for good: a later edit, or a re-add of its id, is ignored', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    const added = doc.addTask(list, { title: 'Buy milk' });
    doc.deleteTask(list, added.payload.taskId);
    doc.editTask(list, added.payload.taskId, { title: 'Buy bread' });
    doc.apply({ ...added, clock: 99 });
    expect(doc.task(added.payload.taskId)).toBeUndefined();
    expect(titles(doc, list)).toEqual([]);
  });

  it('keeps an archived list listed and flagged, and leaves its tasks out of the counts', () => {
    const doc = replica('ann');
    const list = doc.createList('Someday').payload.listId;
    const task = doc.addTask(list, { title: 'Learn Go', dueDay: '2026-03-10' }).payload.taskId;
    expect(doc.counts('2026-03-10')).toEqual({ today: 1, overdue: 0, open: 1 });
    doc.archiveList(list);
    expect(doc.lists()[0]).toMatchObject({ archived: true, tasks: [{ title: 'Learn Go' }] });
    expect(doc.task(task)?.listId).toBe(list);
    expect(doc.counts('2026-03-10')).toEqual({ today: 0, overdue: 0, open: 0 });
  });

  it('drops a deleted list with its tasks; its resource snapshot keeps only its clock', () => {
    const doc = replica('ann');
    const list = doc.createList('Work').payload.listId;
    const task = doc.addTask(list, { title: 'Draft plan' }).payload.taskId;
    doc.deleteList(list);
    doc.apply(listOp('bob', 7, list, { type: 'setCompleted', taskId: task, completed: true }));
    expect(doc.lists()).toEqual([]);
    expect(doc.task(task)).toBeUndefined();
    expect(doc.counts('2026-03-10')).toEqual({ today: 0, overdue: 0, open: 0 });
    expect(doc.snapshotResource('list', list)).toBe(`{"resourceId":"${list}","scope":"list","state":{"actors":[],"deleted":[],"maxClock":7,"tasks":[]},"v":1}`);
  });

  it('counts open tasks due today, overdue ones, and all open ones', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    doc.addTask(list, { title: 'today', dueDay: '2026-03-10' });
    doc.addTask(list, { title: 'yesterday', dueDay: '2026-03-09' });
    doc.addTask(list, { title: 'last year', dueDay: '2025-12-31' });
    doc.addTask(list, { title: 'tomorrow', dueDay: '2026-03-11' });
    doc.addTask(list, { title: 'whenever' });
    const done = doc.addTask(list, { title: 'done today', dueDay: '2026-03-10' }).payload.taskId;
    doc.setCompleted(list, done, true);
    expect(doc.counts('2026-03-10')).toEqual({ today: 1, overdue: 2, open: 5 });
    expect(() => doc.counts('10/03/2026')).toThrow(RangeError);
  });
});

describe('concurrent edits', () => {
  it('the higher clock wins, whichever actor made it', () => {
    const list = 'inbox';
    const ops = [
      registryOp('zed', 1, { type: 'createList', listId: list, name: 'Inbox' }),
      listOp('zed', 2, list, { type: 'addTask', taskId: 't1', title: 'Buy milk', position: 'a0' }),
      listOp('zed', 3, list, { type: 'editTask', taskId: 't1', fields: { title: 'from zed' } }),
      listOp('ann', 4, list, { type: 'editTask', taskId: 't1', fields: { title: 'from ann' } }),
    ];
    const [one, two] = [new TaskDocument(), new TaskDocument()];
    deliver(ops, one);
    deliver([...ops].reverse(), two);
    expect(one.task('t1')?.title).toBe('from ann');
    expect(two.toSnapshot()).toBe(one.toSnapshot());
  });

  it('on equal clocks the higher actor id wins', () => {
    const ann = replica('ann');
    const list = ann.createList('Inbox').payload.listId;
    const task = ann.addTask(list, { title: 'Buy milk' });
    const bob = bootstrap(ann, 'bob');
    const fromAnn = ann.editTask(list, task.payload.taskId, { title: 'ann title' });
    const fromBob = bob.editTask(list, task.payload.taskId, { title: 'bob title' });
    expect(fromAnn.clock).toBe(fromBob.clock);
    deliver([fromBob], ann);
    deliver([fromAnn], bob);
    expect(ann.task(task.payload.taskId)?.title).toBe('bob title');
    expect(bob.toSnapshot()).toBe(ann.toSnapshot());
  });

  it('concurrent moves of one task end in the same place on every replica: the later stamp decides', () => {
    const ann = replica('ann');
    const list = ann.createList('Inbox').payload.listId;
    const [a, b, c] = ['A', 'B', 'C'].map((title) => ann.addTask(list, { title }).payload.taskId);
    const bob = bootstrap(ann, 'bob');
    const annMove = ann.moveTask(list, a, { after: c });
    const bobMove = bob.moveTask(list, a, { after: b });
    deliver([bobMove], ann);
    deliver([annMove], bob);
    expect(titles(ann, list)).toEqual(['B', 'A', 'C']);
    expect(titles(bob, list)).toEqual(['B', 'A', 'C']);
  });

  it('concurrent inserts at one spot keep both tasks, ordered by task id on every replica', () => {
    const ann = replica('ann');
    const list = ann.createList('Inbox').payload.listId;
    const first = ann.addTask(list, { title: 'First' }).payload.taskId;
    const bob = bootstrap(ann, 'bob');
    const fromBob = bob.addTask(list, { title: 'from bob', after: first });
    const fromAnn = ann.addTask(list, { title: 'from ann', after: first });
    expect(fromAnn.payload.position).toBe(fromBob.payload.position);
    deliver([fromBob], ann);
    deliver([fromAnn], bob);
    expect(titles(ann, list)).toEqual(['First', 'from ann', 'from bob']);
    expect(titles(bob, list)).toEqual(['First', 'from ann', 'from bob']);
    // A task placed next to the tied pair lands at its edge.
    ann.addTask(list, { title: 'after ann', after: fromAnn.payload.taskId });
    expect(titles(ann, list)).toEqual(['First', 'from ann', 'from bob', 'after ann']);
  });

  it('a delete beats a concurrent edit, even one stamped later', () => {
    const ann = replica('ann');
    const list = ann.createList('Inbox').payload.listId;
    const task = ann.addTask(list, { title: 'Buy milk' }).payload.taskId;
    const bob = bootstrap(ann, 'bob');
    bob.apply(listOp('cyd', 50, list, { type: 'setCompleted', taskId: task, completed: true }));
    const edit = bob.editTask(list, task, { title: 'Buy oat milk' });
    const deletion = ann.deleteTask(list, task);
    expect(edit.clock).toBeGreaterThan(deletion.clock);
    deliver([edit], ann);
    deliver([deletion], bob);
    expect(ann.task(task)).toBeUndefined();
    expect(bob.toSnapshot()).toBe(ann.toSnapshot());
  });

  const NO_DETAILS = { priority: null, dueTime: null, recurrence: null, reminder: null };

  it('keeps ops on a task or list not seen yet, and shows them once it is added', () => {
    const doc = new TaskDocument();
    doc.apply(listOp('bob', 5, 'inbox', { type: 'editTask', taskId: 't1', fields: { notes: 'oat' } }));
    doc.apply(listOp('bob', 6, 'inbox', { type: 'setCompleted', taskId: 't1', completed: true }));
    doc.apply(registryOp('bob', 7, { type: 'renameList', listId: 'inbox', name: 'Errands' }));
    expect(doc.lists()).toEqual([]);
    doc.apply(listOp('ann', 2, 'inbox', { type: 'addTask', taskId: 't1', title: 'Buy milk', notes: 'cow', position: 'a0' }));
    expect(doc.lists()).toEqual([]);
    doc.apply(registryOp('ann', 1, { type: 'createList', listId: 'inbox', name: 'Inbox' }));
    expect(doc.lists()).toEqual([
      {
        id: 'inbox',
        name: 'Errands',
        archived: false,
        tasks: [{ id: 't1', title: 'Buy milk', notes: 'oat', dueDay: null, completed: true, position: 'a0', ...NO_DETAILS }],
      },
    ]);
  });

  it('a replica that has seen a remote op stamps its next op above it', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    const task = doc.addTask(list, { title: 'Buy milk' }).payload.taskId;
    doc.apply(listOp('zed', 41, list, { type: 'editTask', taskId: task, fields: { title: 'from zed' } }));
    expect(doc.clock).toBe(41);
    const mine = doc.editTask(list, task, { title: 'mine' });
    expect(mine.clock).toBe(42);
    expect(doc.task(task)?.title).toBe('mine');
  });
});

describe('snapshots', () => {
  it('store merged registers as [value, clock, actor index], entities sorted by id, keys sorted', () => {
    const doc = replica('ann');
    const inbox = doc.createList('Inbox').payload.listId;
    const milk = doc.addTask(inbox, { title: 'Buy milk', dueDay: '2026-03-10' }).payload.taskId;
    const rent = doc.addTask(inbox, { title: 'Pay rent' }).payload.taskId;
    doc.apply(listOp('bob', 4, inbox, { type: 'setCompleted', taskId: milk, completed: true }));
    doc.deleteTask(inbox, rent);
    expect(doc.toSnapshot()).toBe(
      '{"lists":[["ann-1",{"actors":["ann","bob"],"deleted":["ann-3"],"maxClock":5,"tasks":[["ann-2",{"added":true,"completed":[true,4,1],' +
        '"dueDay":["2026-03-10",2,0],"position":["a0",2,0],"title":["Buy milk",2,0]}]]}]],' +
        '"registry":{"actors":["ann"],"deleted":[],"lists":[["ann-1",{"created":[1,0],"name":["Inbox",1,0]}]],"maxClock":1},"v":1}',
    );
    expect(doc.snapshotResource('registry', 'registry')).toBe(
      '{"resourceId":"registry","scope":"registry","state":{"actors":["ann"],"deleted":[],"lists":[["ann-1",{"created":[1,0],"name":["Inbox",1,0]}]],"maxClock":1},"v":1}',
    );
    expect(doc.resources()).toEqual([
      { scope: 'registry', resourceId: 'registry' },
      { scope: 'list', resourceId: inbox },
    ]);
  });

  it('restore a document whose next op is stamped past every clock in the snapshot', () => {
    const bob = replica('bob');
    const list = bob.createList('Inbox').payload.listId;
    bob.apply(registryOp('zed', 30, { type: 'renameList', listId: list, name: 'from zed' }));
    const ann = TaskDocument.fromSnapshot(bob.toSnapshot(), { actor: 'ann' });
    expect(ann.clock).toBe(30);
    ann.renameList(list, 'mine');
    expect(ann.lists()[0].name).toBe('mine');
  });

  it('refuse a snapshot of another resource, of an unknown version, or with a bad register', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    const fresh = new TaskDocument();
    expect(() => fresh.loadResource('list', 'other', doc.snapshotResource('list', list))).toThrow(/not list\/other/);
    expect(() => TaskDocument.fromSnapshot(doc.toSnapshot().replace('"v":1', '"v":2'))).toThrow();
    expect(() => fresh.loadResource('registry', 'registry', doc.snapshotResource('registry', 'registry').replace('["Inbox",1,0]', '["Inbox",1,3]'))).toThrow(
      /actor #3/,
    );
    expect(() => TaskDocument.fromSnapshot('{"lists":[')).toThrow(SyntaxError);
  });

  it('give an untouched resource an empty snapshot that loads as nothing', () => {
    const doc = new TaskDocument();
    doc.loadResource('list', 'nobody', replica('ann').snapshotResource('list', 'nobody'));
    expect(doc.resources()).toEqual([]);
    expect(doc.toSnapshot()).toBe(new TaskDocument().toSnapshot());
  });
});

describe('local op builders', () => {
  it('validate before stamping: a bad title, day or id throws and the clock does not move', () => {
    const doc = replica('ann');
    const list = doc.createList('Inbox').payload.listId;
    expect(() => doc.addTask(list, { title: '   ' })).toThrow();
    expect(() => doc.addTask(list, { title: 'x'.repeat(501) })).toThrow();
    expect(() => doc.addTask(list, { title: 'Pay rent', dueDay: '2026-02-30' })).toThrow();
    expect(() => doc.editTask(list, 'some-task', {})).toThrow();
    expect(() => doc.setCompleted('not an id', 't1', true)).toThrow();
    expect(doc.clock).toBe(1);
  });

  it('need an actor: a server-side document applies ops but cannot make them', () => {
    const server = new TaskDocument();
    server.apply(registryOp('ann', 1, { type: 'createList', listId: 'inbox', name: 'Inbox' }));
    expect(server.lists()).toHaveLength(1);
    expect(() => server.createList('Work')).toThrow(/no actor/);
    expect(() => new TaskDocument({ actor: 'not valid!' })).toThrow();
  });

  it('make ids with crypto.randomUUID unless told otherwise', () => {
    const doc = new TaskDocument({ actor: 'ann' });
    expect(doc.createList('Inbox').payload.listId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
