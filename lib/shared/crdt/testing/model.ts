/**
 * The specification, written the slow and obvious way: every field is the value of the op with
 * the highest (clock, actor) stamp that wrote it, looked up by scanning the whole op set. The CRDT
 * must agree with it on any op set.
 */
import type { ListView } from '../document';
import type { ListOp, OpEnvelope, Priority, RegistryOp } from '../ops';

interface Write<T> {
  value: T;
  clock: number;
  actor: string;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function order<T>(a: Write<T>, b: Write<T>): number {
  return a.clock - b.clock || cmp(a.actor, b.actor) || cmp(JSON.stringify(a.value), JSON.stringify(b.value));
}

function winner<T>(writes: Write<T>[], fallback: T): T {
  return writes.length === 0 ? fallback : writes.reduce((best, w) => (order(w, best) > 0 ? w : best)).value;
}

function write<T>(op: OpEnvelope, value: T): Write<T> {
  return { value, clock: op.clock, actor: op.actor };
}

export function modelLists(ops: readonly OpEnvelope[]): ListView[] {
  const registryOps = ops.filter((op) => op.scope === 'registry');
  const forList = (id: string) => registryOps.filter((op) => (op.payload as RegistryOp).listId === id);
  const listIds = [...new Set(registryOps.map((op) => op.payload.listId))];
  const lists = listIds
    .filter((id) => forList(id).some((op) => op.payload.type === 'createList'))
    .filter((id) => !forList(id).some((op) => op.payload.type === 'deleteList'))
    .map((id) => {
      const mine = forList(id);
      const names = mine.flatMap((op) => (op.payload.type === 'createList' || op.payload.type === 'renameList' ? [write(op, op.payload.name)] : []));
      const archived = mine.flatMap((op) => (op.payload.type === 'archiveList' ? [write(op, op.payload.archived)] : []));
      const created = mine
        .filter((op) => op.payload.type === 'createList')
        .map((op) => write(op, null))
        .sort(order)[0];
      return {
        id,
        name: winner(names, ''),
        archived: winner(archived, false),
        created,
        tasks: modelTasks(ops.filter((op) => op.scope === 'list' && op.resourceId === id)),
      };
    });
  lists.sort((a, b) => order(a.created, b.created) || cmp(a.id, b.id));
  return lists.map(({ id, name, archived, tasks }) => ({ id, name, archived, tasks }));
}

function modelTasks(ops: readonly OpEnvelope[]): ListView['tasks'] {
  const payloads = ops.map((op) => ({ op, p: op.payload as ListOp }));
  const ids = [...new Set(payloads.map(({ p }) => p.taskId))];
  return ids
    .filter((id) => payloads.some(({ p }) => p.taskId === id && p.type === 'addTask'))
    .filter((id) => !payloads.some(({ p }) => p.taskId === id && p.type === 'deleteTask'))
    .map((id) => {
      const mine = payloads.filter(({ p }) => p.taskId === id);
      const titles: Write<string>[] = [];
      const notes: Write<string>[] = [];
      const days: Write<string | null>[] = [];
      const done: Write<boolean>[] = [];
      const positions: Write<string>[] = [];
      const priorities: Write<Priority | null>[] = [];
      const times: Write<string | null>[] = [];
      const rules: Write<string | null>[] = [];
      const froms: Write<'due' | 'completion'>[] = [];
      const reminders: Write<number | null>[] = [];
      for (const { op, p } of mine) {
        if (p.type === 'addTask') {
          titles.push(write(op, p.title));
          positions.push(write(op, p.position));
          if (p.notes !== undefined) notes.push(write(op, p.notes));
          if (p.dueDay !== undefined) days.push(write(op, p.dueDay));
        }
        if (p.type === 'editTask' && p.fields.title !== undefined) titles.push(write(op, p.fields.title));
        if (p.type === 'editTask' && p.fields.notes !== undefined) notes.push(write(op, p.fields.notes));
        if (p.type === 'setDue') days.push(write(op, p.dueDay));
        if (p.type === 'setCompleted') done.push(write(op, p.completed));
        if (p.type === 'moveTask') positions.push(write(op, p.position));
        if (p.type === 'setPriority') priorities.push(write(op, p.priority));
        if (p.type === 'setDueTime') times.push(write(op, p.dueTime));
        if (p.type === 'setRecurrence') rules.push(write(op, p.rule));
        if (p.type === 'setRecurrence') froms.push(write(op, p.from));
        if (p.type === 'setReminder') reminders.push(write(op, p.minutesBefore));
      }
      const rule = winner(rules, null);
      return {
        id,
        title: winner(titles, ''),
        notes: winner(notes, ''),
        dueDay: winner(days, null),
        completed: winner(done, false),
        position: winner(positions, ''),
        priority: winner(priorities, null),
        dueTime: winner(times, null),
        recurrence: rule ? { rule, from: winner(froms, 'due') === 'completion' ? ('completion' as const) : ('due' as const) } : null,
        reminder: winner(reminders, null),
      };
    })
    .sort((a, b) => cmp(a.position, b.position) || cmp(a.id, b.id));
}

/** Counts by their definition, one filter each. */
export function modelCounts(lists: readonly ListView[], today: string) {
  const open = lists
    .filter((l) => !l.archived)
    .flatMap((l) => l.tasks)
    .filter((t) => !t.completed);
  return {
    today: open.filter((t) => t.dueDay === today).length,
    overdue: open.filter((t) => t.dueDay !== null && t.dueDay < today).length,
    open: open.length,
  };
}
