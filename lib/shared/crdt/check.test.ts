import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { opEnvelopeSchema } from '../schemas/oplog';
import { checkKeptOp, isOpEnvelope, KNOWN_OP_TYPES, MAX_KEPT_OPS, readOps, ShapeError } from './check';
import { loadRepeatRules } from '../recurrence';
import { TaskDocument } from './document';
import { list, registry, VALID_OPS } from './testing/op-cases';

// The snapshots below hold repeating tasks made with the document's own edits, which expand rules.
beforeAll(() => loadRepeatRules());

// Values near every rule's edge: lengths in code points and in UTF-16 units, days, times, clocks.
const EDGES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  4,
  5,
  -1,
  1.5,
  40_320,
  40_321,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  'a',
  'a0',
  'a00',
  'Zz',
  'x'.repeat(100),
  'x'.repeat(101),
  'x'.repeat(500),
  'x'.repeat(501),
  '😀'.repeat(500),
  '😀'.repeat(501),
  'x'.repeat(10_000),
  '😀'.repeat(10_000),
  'x'.repeat(10_001),
  'nul\u0000',
  'lone\uD800',
  'pair\uD83D\uDE00',
  'a/b',
  '2024-02-29',
  '2026-02-29',
  '2026-3-1',
  '23:59',
  '24:00',
  '9:00',
  'FREQ=DAILY',
  'FREQ=WEEKLY;BYDAY=MO',
  'FREQ=DAILY;COUNT=2',
  'due',
  'completion',
  'registry',
  'list',
  'createList',
  'addTask',
  'setRecurrence',
  [],
  [1],
  {},
  { title: 'x' },
  { notes: '' },
  { title: ' ' },
  { title: 'x', extra: 1 },
];

const value = fc.oneof(fc.constantFrom(...EDGES), fc.jsonValue({ maxDepth: 2 }), fc.string({ unit: 'binary', maxLength: 12 }));
const fieldNames = ['scope', 'resourceId', 'actor', 'clock', 'payload', 'type', 'listId', 'taskId', 'name', 'archived', 'title', 'notes', 'dueDay', 'position'];
const moreNames = ['fields', 'completed', 'priority', 'dueTime', 'rule', 'from', 'minutesBefore', 'serverSeq', 'extra'];

type Mutation = { where: 'envelope' | 'payload' | 'fields'; key: string; to: unknown; remove: boolean };
const mutation = fc.record({
  where: fc.constantFrom<Mutation['where']>('envelope', 'payload', 'fields'),
  key: fc.constantFrom(...fieldNames, ...moreNames),
  to: value,
  remove: fc.boolean(),
});

function mutate(op: unknown, mutations: Mutation[]): unknown {
  const copy = structuredClone(op) as Record<string, Record<string, Record<string, unknown>>>;
  for (const m of mutations) {
    const target = m.where === 'envelope' ? copy : m.where === 'payload' ? copy.payload : copy.payload?.fields;
    if (typeof target !== 'object' || target === null || Array.isArray(target)) continue;
    if (m.remove) delete (target as Record<string, unknown>)[m.key];
    else (target as Record<string, unknown>)[m.key] = m.to;
  }
  return copy;
}

describe('the hand check of an op and the API schema', () => {
  it('give the same answer for ops one to three changes away from a valid one', () => {
    fc.assert(
      fc.property(fc.constantFrom(...VALID_OPS.map(([, op]) => op)), fc.array(mutation, { minLength: 1, maxLength: 3 }), (op, mutations) => {
        const changed = mutate(op, mutations);
        expect(isOpEnvelope(changed), JSON.stringify(changed)?.slice(0, 300)).toBe(opEnvelopeSchema.safeParse(changed).success);
      }),
      { numRuns: 4000 },
    );
  });

  it('give the same answer for whatever JSON comes', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), (json) => {
        expect(isOpEnvelope(json)).toBe(opEnvelopeSchema.safeParse(json).success);
      }),
      { numRuns: 500 },
    );
  });

  it('know the same op types', () => {
    const types = (opEnvelopeSchema.options as readonly { shape: { payload: { options: { shape: { type: { value: string } } }[] } } }[]).flatMap((s) =>
      s.shape.payload.options.map((o) => o.shape.type.value),
    );
    expect([...KNOWN_OP_TYPES].sort()).toEqual(types.sort());
  });
});

describe('an op kept for a newer build', () => {
  const future = list({ type: 'setColour', taskId: 't1', colour: 'teal' });

  it('needs the envelope, a type name and a payload under 64,000 characters; its other fields are the newer build’s', () => {
    expect(checkKeptOp(future)).toBe(future);
    expect(checkKeptOp(registry({ type: 'sortLists', order: ['a', 'b'] }))).toBeDefined();
    for (const bad of [
      { ...future, scope: 'task' },
      { ...future, scope: ['list'] },
      { ...future, clock: 0 },
      { ...future, actor: 'a b' },
      { ...future, serverSeq: 1 },
      { ...future, payload: { type: 'SetColour' } },
      { ...future, payload: { type: '__proto__' } },
      { ...future, payload: { colour: 'teal' } },
      { ...future, payload: ['setColour'] },
      { ...future, payload: { type: 'setColour', colour: 'x'.repeat(64_000) } },
    ])
      expect(() => checkKeptOp(bad), JSON.stringify(bad).slice(0, 120)).toThrow(ShapeError);
  });

  it('is told apart by readOps: a known type that fails its rules is no op at all, not a kept one', () => {
    const known = list({ type: 'setCompleted', taskId: 't1', completed: true });
    const read = readOps([known, future, { ...known, payload: { type: 'setCompleted', taskId: 't1', completed: 'yes' } }, 'op', null, []]);
    expect(read).toEqual({ ops: [known], kept: [future], unreadable: 4 });
  });
});

describe('a snapshot read back', () => {
  function full() {
    let n = 0;
    const doc = new TaskDocument({ actor: 'ann', newId: () => `id${(n += 1)}` });
    const listId = doc.createList('Home').payload.listId;
    const taskId = doc.addTaskWithDetails(listId, {
      title: 'Water 😀 plants',
      notes: 'Ferns first',
      dueDay: '2026-03-10',
      priority: 2,
      dueTime: '08:30',
      reminder: 15,
    })[0].payload.taskId;
    doc.setRecurrence(listId, taskId, { rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'due' });
    doc.setCompleted(listId, doc.addTask(listId, { title: 'Done one' }).payload.taskId, true);
    doc.deleteTask(listId, doc.addTask(listId, { title: 'Gone' }).payload.taskId);
    doc.archiveList(doc.createList('Old').payload.listId);
    doc.deleteList(doc.createList('Deleted').payload.listId);
    doc.keep(list({ type: 'setColour', taskId, colour: 'teal' }, { resourceId: listId, clock: 90, actor: 'newer' }) as never);
    return { doc, listId };
  }

  it('comes back whole: every field, tombstone and kept op', () => {
    const { doc, listId } = full();
    const snapshot = doc.toSnapshot();
    expect(TaskDocument.fromSnapshot(snapshot).toSnapshot()).toBe(snapshot);
    const fresh = new TaskDocument();
    fresh.loadResource('registry', 'registry', doc.snapshotResource('registry', 'registry'));
    fresh.loadResource('list', listId, doc.snapshotResource('list', listId));
    expect(fresh.lists()).toEqual(doc.lists());
  });

  it('is refused when malformed anywhere, with where it is wrong', () => {
    const { doc } = full();
    const good = JSON.parse(doc.toSnapshot());
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a snapshot's JSON, changed where each case says
    const broken: [string, (s: any) => void][] = [
      ['another version', (s) => (s.v = 2)],
      ['an unknown top-level field', (s) => (s.extra = 1)],
      ['no registry', (s) => delete s.registry],
      ['lists not a list', (s) => (s.lists = {})],
      ['a negative max clock', (s) => (s.registry.maxClock = -1)],
      ['an actor that is no id', (s) => (s.registry.actors[0] = 'a b')],
      ['a list entry without its id', (s) => (s.registry.lists[0] = [s.registry.lists[0][1]])],
      ['a blank list name', (s) => (s.registry.lists[0][1].name[0] = ' ')],
      ['a register of two items', (s) => (s.registry.lists[0][1].name = ['Home', 1])],
      ['a register at clock 0', (s) => (s.registry.lists[0][1].name[1] = 0)],
      ['a negative actor index', (s) => (s.registry.lists[0][1].name[2] = -1)],
      ['a creation stamp of three items', (s) => (s.registry.lists[0][1].created = [1, 0, 0])],
      ['archived as text', (s) => (s.registry.lists[0][1].archived = ['yes', 1, 0])],
      ['a deleted id that is no id', (s) => s.registry.deleted.push('')],
      ['a task title of 501 characters', (s) => (s.lists[0][1].tasks[0][1].title[0] = 'x'.repeat(501))],
      ['a task title with NUL', (s) => (s.lists[0][1].tasks[0][1].title[0] = 'a\u0000')],
      ['a day not in the calendar', (s) => (s.lists[0][1].tasks[0][1].dueDay[0] = '2026-02-30')],
      ['priority 5', (s) => (s.lists[0][1].tasks[0][1].priority[0] = 5)],
      ['a time 24:00', (s) => (s.lists[0][1].tasks[0][1].dueTime[0] = '24:00')],
      ['a rule with COUNT', (s) => (s.lists[0][1].tasks[0][1].rule[0] = 'FREQ=DAILY;COUNT=2')],
      ['a reminder five weeks before', (s) => (s.lists[0][1].tasks[0][1].reminder[0] = 50_400)],
      ['added false', (s) => (s.lists[0][1].tasks[0][1].added = false)],
      ['a position that is no order key', (s) => (s.lists[0][1].tasks[0][1].position[0] = 'a00')],
      ['an unknown register holding an object', (s) => (s.lists[0][1].tasks[0][1].colour = [{ r: 1 }, 5, 0])],
      ['an unknown register under no register name', (s) => (s.lists[0][1].tasks[0][1]['Colour!'] = ['teal', 5, 0])],
      ['a kept op of a bad shape', (s) => (s.kept[0].clock = 0)],
      ['kept not a list', (s) => (s.kept = {})],
      ['too many kept ops', (s) => (s.kept = Array.from({ length: MAX_KEPT_OPS + 1 }, () => s.kept[0]))],
    ];
    for (const [what, change] of broken) {
      const snapshot = structuredClone(good);
      change(snapshot);
      expect(() => TaskDocument.fromSnapshot(JSON.stringify(snapshot)), what).toThrow(ShapeError);
    }
    expect(() => TaskDocument.fromSnapshot(JSON.stringify(good))).not.toThrow();
  });

  it('of one resource is refused under another scope or id, or with a field it does not have', () => {
    const { doc, listId } = full();
    const fresh = new TaskDocument();
    const registryState = JSON.parse(doc.snapshotResource('registry', 'registry'));
    const listState = JSON.parse(doc.snapshotResource('list', listId));
    for (const bad of [
      { ...registryState, resourceId: listId },
      { ...registryState, scope: 'task' },
      { ...registryState, extra: true },
      { ...listState, resourceId: 'not an id' },
      { ...listState, state: registryState.state },
      { ...listState, v: 0 },
    ])
      expect(
        () => fresh.loadResource(bad.scope === 'list' ? 'list' : 'registry', bad.resourceId, JSON.stringify(bad)),
        JSON.stringify(bad).slice(0, 80),
      ).toThrow(ShapeError);
    expect(() => fresh.loadResource('list', listId, JSON.stringify(listState))).not.toThrow();
  });
});

describe('a local edit', () => {
  it('is refused before it is made when the API would refuse it', () => {
    const doc = new TaskDocument({ actor: 'ann' });
    const listId = doc.createList('Home').payload.listId;
    expect(() => doc.createList('  ')).toThrow(ShapeError);
    expect(() => doc.addTask(listId, { title: '😀'.repeat(501) })).toThrow(ShapeError);
    expect(doc.addTask(listId, { title: '😀'.repeat(500) }).payload.title).toHaveLength(1000);
    expect(() => doc.setReminder(listId, 't1', 40_321)).toThrow(ShapeError);
    expect(() => doc.setRecurrence(listId, 't1', { rule: 'FREQ=HOURLY', from: 'due' })).toThrow(/at most once a day/);
  });
});
