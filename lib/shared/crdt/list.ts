/** The list CRDT: the tasks of one list, their fields and their order. */
import { byCodeUnits } from './canonical';
import type { Stamp } from './clock';
import { tally, type TaskCounts } from './counts';
import type { ListOp, Priority, RepeatFrom } from './ops';
import { EntityState, write, type Writes } from './entities';
import type { Register, Registers } from './register';

export interface TaskRegisters extends Registers {
  title?: Register<string>;
  notes?: Register<string>;
  dueDay?: Register<string | null>;
  completed?: Register<boolean>;
  position?: Register<string>;
  priority?: Register<Priority | null>;
  dueTime?: Register<string | null>;
  /** The rule and its anchor are written together by one setRecurrence op, so they share a stamp. */
  rule?: Register<string | null>;
  repeatFrom?: Register<RepeatFrom>;
  reminder?: Register<number | null>;
}

export interface TaskEntry {
  /** Set by addTask. Without it the entry only holds edits that arrived before the add. */
  added?: true;
  registers: TaskRegisters;
}

export interface TaskView {
  id: string;
  title: string;
  notes: string;
  /** YYYY-MM-DD in the user's own time zone, or null. */
  dueDay: string | null;
  completed: boolean;
  /** Fractional index key; tasks sort by (position, id). */
  position: string;
  priority: Priority | null;
  /** HH:MM on the due day, in the user's own time zone; null = some time that day. */
  dueTime: string | null;
  recurrence: { rule: string; from: RepeatFrom } | null;
  /** Minutes before the due time (0 = at it) a reminder is due; null = none. */
  reminder: number | null;
}

/** The tasks of one list: per task, registers merged by stamp; a deleted task keeps only its id. */
export class ListState extends EntityState<TaskRegisters, TaskEntry> {
  apply(op: ListOp, stamp: Stamp): void {
    const entry = this.take(op.taskId, stamp, op.type === 'deleteTask');
    if (!entry || op.type === 'deleteTask') return;
    if (op.type === 'addTask') entry.added = true;
    write(entry.registers, writesOf(op), stamp);
  }

  /** The tasks a user sees, in order: by position, ties (concurrent inserts at one spot) by id. */
  visible(): TaskView[] {
    const views: TaskView[] = [];
    for (const [id, entry] of this.entities) if (entry.added) views.push(toView(id, entry));
    return views.sort(compareTaskOrder);
  }

  /**
   * Adds this list's tasks to `counts` (counts.ts), in no order and without building a view or any
   * object per task: the server counts before and after every push.
   */
  countInto(counts: TaskCounts, todayDay: string): void {
    for (const { added, registers } of this.entities.values())
      if (added) tally(counts, registers.completed?.value ?? false, registers.dueDay?.value ?? null, todayDay);
  }

  /** One task as a user sees it; undefined if deleted or not added (yet). */
  view(taskId: string): TaskView | undefined {
    const entry = this.entities.get(taskId);
    return entry?.added ? toView(taskId, entry) : undefined;
  }

  /** Whether this id was ever added here or deleted: a maker of deterministic ids must not add it again. */
  knows(taskId: string): boolean {
    return this.deleted.has(taskId) || this.entities.get(taskId)?.added === true;
  }

  protected blank(): TaskEntry {
    return { registers: {} };
  }

  protected mergeOwn(ours: TaskEntry, theirs: TaskEntry): void {
    if (theirs.added) ours.added = true;
  }
}

/** The registers each op type writes. */
function writesOf(op: Exclude<ListOp, { type: 'deleteTask' }>): Writes<TaskRegisters> {
  switch (op.type) {
    case 'addTask':
      return { title: op.title, position: op.position, notes: op.notes, dueDay: op.dueDay };
    case 'editTask':
      return op.fields;
    case 'setDue':
      return { dueDay: op.dueDay };
    case 'setCompleted':
      return { completed: op.completed };
    case 'moveTask':
      return { position: op.position };
    case 'setPriority':
      return { priority: op.priority };
    case 'setDueTime':
      return { dueTime: op.dueTime };
    case 'setRecurrence':
      return { rule: op.rule, repeatFrom: op.from };
    case 'setReminder':
      return { reminder: op.minutesBefore };
  }
}

function toView(id: string, { registers: entry }: TaskEntry): TaskView {
  return {
    id,
    title: entry.title?.value ?? '',
    notes: entry.notes?.value ?? '',
    dueDay: entry.dueDay?.value ?? null,
    completed: entry.completed?.value ?? false,
    position: entry.position?.value ?? '',
    priority: entry.priority?.value ?? null,
    dueTime: entry.dueTime?.value ?? null,
    recurrence: entry.rule?.value ? { rule: entry.rule.value, from: entry.repeatFrom?.value === 'completion' ? 'completion' : 'due' } : null,
    reminder: entry.reminder?.value ?? null,
  };
}

export function compareTaskOrder(a: Pick<TaskView, 'id' | 'position'>, b: Pick<TaskView, 'id' | 'position'>): number {
  return byCodeUnits(a.position, b.position) || byCodeUnits(a.id, b.id);
}
