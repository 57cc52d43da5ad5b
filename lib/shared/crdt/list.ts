/** The list CRDT: the tasks of one list, their fields and their order. */
import { byCodeUnits } from './canonical';
import type { Stamp } from './clock';
import type { ListOp, Priority, RepeatFrom } from './ops';
import { latest, mergeRegisters, type Register, type Registers } from './register';

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

/**
 * Per task, last-writer-wins registers; a deleted task keeps only its id in `deleted` (delete is
 * final), so state is a join of its ops and any order of applying or merging gives the same state.
 */
export class ListState {
  /** Highest clock of any op taken in, so a replica restored from a snapshot ticks past it. */
  maxClock = 0;
  readonly tasks = new Map<string, TaskEntry>();
  readonly deleted = new Set<string>();

  apply(op: ListOp, stamp: Stamp): void {
    this.observe(stamp.clock);
    if (op.type === 'deleteTask') {
      this.tombstone(op.taskId);
      return;
    }
    if (this.deleted.has(op.taskId)) return;
    const entry = this.entry(op.taskId);
    const r = entry.registers;
    switch (op.type) {
      case 'addTask':
        entry.added = true;
        r.title = latest(r.title, { value: op.title, stamp });
        r.position = latest(r.position, { value: op.position, stamp });
        if (op.notes !== undefined) r.notes = latest(r.notes, { value: op.notes, stamp });
        if (op.dueDay !== undefined) r.dueDay = latest(r.dueDay, { value: op.dueDay, stamp });
        break;
      case 'editTask':
        if (op.fields.title !== undefined) r.title = latest(r.title, { value: op.fields.title, stamp });
        if (op.fields.notes !== undefined) r.notes = latest(r.notes, { value: op.fields.notes, stamp });
        break;
      case 'setDue':
        r.dueDay = latest(r.dueDay, { value: op.dueDay, stamp });
        break;
      case 'setCompleted':
        r.completed = latest(r.completed, { value: op.completed, stamp });
        break;
      case 'moveTask':
        r.position = latest(r.position, { value: op.position, stamp });
        break;
      case 'setPriority':
        r.priority = latest(r.priority, { value: op.priority, stamp });
        break;
      case 'setDueTime':
        r.dueTime = latest(r.dueTime, { value: op.dueTime, stamp });
        break;
      case 'setRecurrence':
        r.rule = latest(r.rule, { value: op.rule, stamp });
        r.repeatFrom = latest(r.repeatFrom, { value: op.from, stamp });
        break;
      case 'setReminder':
        r.reminder = latest(r.reminder, { value: op.minutesBefore, stamp });
        break;
    }
  }

  merge(other: ListState): void {
    this.observe(other.maxClock);
    for (const id of other.deleted) this.tombstone(id);
    for (const [id, theirs] of other.tasks) {
      if (this.deleted.has(id)) continue;
      const ours = this.entry(id);
      if (theirs.added) ours.added = true;
      mergeRegisters(ours.registers, theirs.registers);
    }
  }

  observe(clock: number): void {
    if (clock > this.maxClock) this.maxClock = clock;
  }

  /** Drops every task and tombstone (the list itself was deleted); keeps the clock high-water mark. */
  discard(): void {
    this.tasks.clear();
    this.deleted.clear();
  }

  /** The tasks a user sees, in order: by position, ties (concurrent inserts at one spot) by id. */
  visible(): TaskView[] {
    const views: TaskView[] = [];
    for (const [id, entry] of this.tasks) if (entry.added) views.push(toView(id, entry));
    return views.sort(compareTaskOrder);
  }

  /** One task as a user sees it; undefined if deleted or not added (yet). */
  view(taskId: string): TaskView | undefined {
    const entry = this.tasks.get(taskId);
    return entry?.added ? toView(taskId, entry) : undefined;
  }

  /** Whether this id was ever added here or deleted: a maker of deterministic ids must not add it again. */
  knows(taskId: string): boolean {
    return this.deleted.has(taskId) || this.tasks.get(taskId)?.added === true;
  }

  private tombstone(taskId: string): void {
    this.deleted.add(taskId);
    this.tasks.delete(taskId);
  }

  private entry(taskId: string): TaskEntry {
    let entry = this.tasks.get(taskId);
    if (!entry) {
      entry = { registers: {} };
      this.tasks.set(taskId, entry);
    }
    return entry;
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
