/**
 * Realistic op histories for the property tests: a few replicas of one user edit offline from
 * what they can see and now and then pull another replica's ops, so clocks and causality are the
 * ones real devices produce. A few steps deliberately target ids nobody created.
 */
import fc from 'fast-check';
import { addDays } from '../../days';
import { TaskDocument } from '../document';
import type { OpEnvelope } from '../ops';

export const TODAY = '2026-03-10';
export const ACTORS = ['ann', 'bob', 'cyd'] as const;

const ACTIONS = [
  'createList',
  'renameList',
  'archiveList',
  'deleteList',
  'addTask',
  'addTask',
  'addTask',
  'addTask',
  'editTask',
  'editTask',
  'setDue',
  'setDue',
  'setCompleted',
  'setCompleted',
  'moveTask',
  'moveTask',
  'moveTask',
  'deleteTask',
  'deleteTask',
  'sync',
  'sync',
  'sync',
  'sync',
  'ghost',
] as const;
type Action = (typeof ACTIONS)[number];

export interface Step {
  actor: number;
  action: Action;
  pick: number;
  pick2: number;
  text: string;
  day: number | null;
  flag: boolean;
}

export const stepArb: fc.Arbitrary<Step> = fc.record({
  actor: fc.nat(ACTORS.length - 1),
  action: fc.constantFrom(...ACTIONS),
  pick: fc.nat(1000),
  pick2: fc.nat(1000),
  text: fc.constantFrom('Buy milk', 'Call Ana', 'Draft plan', 'Pay rent', 'Read ch. 3', 'Inbox', 'Work'),
  day: fc.option(fc.integer({ min: -3, max: 3 })),
  flag: fc.boolean(),
});

export const scriptArb = fc.array(stepArb, { minLength: 1, maxLength: 60, size: 'max' });

export interface Replica {
  doc: TaskDocument;
  seen: OpEnvelope[];
  keys: Set<string>;
}

export function opKey(op: OpEnvelope): string {
  return `${op.actor}/${op.clock}/${op.scope}/${op.resourceId}`;
}

function receive(replica: Replica, op: OpEnvelope): void {
  if (replica.keys.has(opKey(op))) return;
  replica.keys.add(opKey(op));
  replica.seen.push(op);
  replica.doc.apply(op);
}

/**
 * Runs the script; returns every op made (in the order made), the replicas as they ended, and the
 * local ops whose effect their own replica did not show right after making them (should be none).
 */
export function simulate(script: readonly Step[]): { ops: OpEnvelope[]; replicas: Replica[]; unseen: OpEnvelope[] } {
  const replicas: Replica[] = ACTORS.map((actor) => {
    let n = 0;
    return { doc: new TaskDocument({ actor, newId: () => `${actor}-${++n}` }), seen: [], keys: new Set() };
  });
  const ops: OpEnvelope[] = [];
  const unseen: OpEnvelope[] = [];
  const made = (replica: Replica, op: OpEnvelope) => {
    if (!showsOwnOp(replica.doc, op)) unseen.push(op);
    // Ops cross the network as JSON: replay a copy, never the builder's object.
    ops.push(JSON.parse(JSON.stringify(op)) as OpEnvelope);
    replica.keys.add(opKey(op));
    replica.seen.push(op);
  };
  // Every history starts from a little shared state, as after a first sync, so steps have something to act on.
  const [first] = replicas;
  const inbox = first.doc.createList('Inbox');
  const work = first.doc.createList('Work');
  made(first, inbox);
  made(first, work);
  for (const title of ['Buy milk', 'Call Ana', 'Pay rent']) made(first, first.doc.addTask(inbox.payload.listId, { title, dueDay: TODAY }));
  made(first, first.doc.addTask(work.payload.listId, { title: 'Draft plan' }));
  syncAll(replicas, ops);

  for (const step of script) {
    const replica = replicas[step.actor];
    const op = act(replica, replicas, step);
    if (op) made(replica, op);
  }
  return { ops, replicas, unseen };
}

/** Brings every replica up to date with every op. */
export function syncAll(replicas: readonly Replica[], ops: readonly OpEnvelope[]): void {
  for (const replica of replicas) for (const op of ops) receive(replica, op);
}

/** Whether the replica that just made `op` shows its effect (ops on ids it cannot see show nothing). */
function showsOwnOp(doc: TaskDocument, op: OpEnvelope): boolean {
  if (op.scope === 'registry') {
    const p = op.payload;
    const list = doc.lists().find((l) => l.id === p.listId);
    if (p.type === 'deleteList') return list === undefined;
    if (!list) return p.type !== 'createList';
    if (p.type === 'archiveList') return list.archived === p.archived;
    return list.name === p.name;
  }
  const p = op.payload;
  const task = doc
    .lists()
    .find((l) => l.id === op.resourceId)
    ?.tasks.find((t) => t.id === p.taskId);
  if (p.type === 'deleteTask') return task === undefined;
  if (!task) return p.type !== 'addTask' || !doc.lists().some((l) => l.id === op.resourceId);
  switch (p.type) {
    case 'addTask':
      return task.title === p.title && task.position === p.position;
    case 'editTask':
      return (p.fields.title === undefined || task.title === p.fields.title) && (p.fields.notes === undefined || task.notes === p.fields.notes);
    case 'setDue':
      return task.dueDay === p.dueDay;
    case 'setCompleted':
      return task.completed === p.completed;
    case 'moveTask':
      return task.position === p.position;
    case 'setPriority':
      return task.priority === p.priority;
    case 'setDueTime':
      return task.dueTime === p.dueTime;
    case 'setRecurrence':
      return p.rule === null ? task.recurrence === null : task.recurrence?.rule === p.rule && task.recurrence.from === p.from;
    case 'setReminder':
      return task.reminder === p.minutesBefore;
  }
}

function act(replica: Replica, replicas: readonly Replica[], step: Step): OpEnvelope | undefined {
  const { doc } = replica;
  const lists = doc.lists();
  const list = lists.length > 0 ? lists[step.pick % lists.length] : undefined;
  const tasks = list?.tasks ?? [];
  const task = tasks.length > 0 ? tasks[step.pick2 % tasks.length] : undefined;
  const anchor = tasks.length > 0 ? tasks[(step.pick2 + step.pick) % tasks.length] : undefined;
  const dueDay = step.day === null ? null : addDays(TODAY, step.day);
  const placement = anchor ? (step.flag ? { after: anchor.id } : { before: anchor.id }) : {};

  if (step.action === 'sync') {
    const self = replicas.indexOf(replica);
    const from = replicas[(self + 1 + (step.pick % (replicas.length - 1))) % replicas.length];
    for (const op of from.seen) receive(replica, op);
    return undefined;
  }
  if (step.action === 'ghost') {
    // Edits may name ids some replica makes later (ids are `<actor>-<n>`); deletes only ids nobody
    // makes, since a real client cannot guess a UUID before it exists.
    const ghost = `${ACTORS[step.pick % ACTORS.length]}-${(step.pick2 % 6) + 1}`;
    const listId = list?.id ?? ghost;
    switch (step.pick % 4) {
      case 0:
        return doc.renameList(ghost, step.text);
      case 1:
        return doc.editTask(listId, ghost, { title: step.text, notes: step.flag ? 'from afar' : undefined });
      case 2:
        return doc.setCompleted(ghost, ghost, step.flag);
      default:
        return doc.deleteTask(listId, `ghost-${step.pick2 % 3}`);
    }
  }
  if (!list || step.action === 'createList') return doc.createList(step.text);
  switch (step.action) {
    case 'renameList':
      return doc.renameList(list.id, step.text);
    case 'archiveList':
      return doc.archiveList(list.id, step.flag);
    case 'deleteList':
      return doc.deleteList(list.id);
    case 'addTask':
      return doc.addTask(list.id, { title: step.text, dueDay, notes: step.flag ? 'note' : undefined, ...placement });
  }
  if (!task) return doc.addTask(list.id, { title: step.text, dueDay });
  switch (step.action) {
    case 'editTask':
      return doc.editTask(list.id, task.id, step.flag ? { title: step.text } : { notes: `${step.text} notes` });
    case 'setDue':
      return doc.setDue(list.id, task.id, dueDay);
    case 'setCompleted':
      return doc.setCompleted(list.id, task.id, step.flag);
    case 'moveTask':
      return doc.moveTask(list.id, task.id, placement);
    case 'deleteTask':
      return doc.deleteTask(list.id, task.id);
  }
}
