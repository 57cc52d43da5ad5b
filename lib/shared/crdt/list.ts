/** The list CRDT: the tasks of one list, their fields and their order. */
import { byCodeUnits } from './canonical';
import type { Stamp } from './clock';
import type { ListOp } from './ops';
import { latest, type Register } from './register';

export interface TaskEntry {
  /** Set by addTask. Without it the entry only holds edits that arrived before the add. */
  added?: true;
  title?: Register<string>;
  notes?: Register<string>;
  dueDay?: Register<string | null>;
  completed?: Register<boolean>;
  position?: Register<string>;
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
    switch (op.type) {
      case 'addTask':
        entry.added = true;
        entry.title = latest(entry.title, { value: op.title, stamp });
        entry.position = latest(entry.position, { value: op.position, stamp });
        if (op.notes !== undefined) entry.notes = latest(entry.notes, { value: op.notes, stamp });
        if (op.dueDay !== undefined) entry.dueDay = latest(entry.dueDay, { value: op.dueDay, stamp });
        break;
      case 'editTask':
        if (op.fields.title !== undefined) entry.title = latest(entry.title, { value: op.fields.title, stamp });
        if (op.fields.notes !== undefined) entry.notes = latest(entry.notes, { value: op.fields.notes, stamp });
        break;
      case 'setDue':
        entry.dueDay = latest(entry.dueDay, { value: op.dueDay, stamp });
        break;
      case 'setCompleted':
        entry.completed = latest(entry.completed, { value: op.completed, stamp });
        break;
      case 'moveTask':
        entry.position = latest(entry.position, { value: op.position, stamp });
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
      ours.title = latest(ours.title, theirs.title);
      ours.notes = latest(ours.notes, theirs.notes);
      ours.dueDay = latest(ours.dueDay, theirs.dueDay);
      ours.completed = latest(ours.completed, theirs.completed);
      ours.position = latest(ours.position, theirs.position);
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

  private tombstone(taskId: string): void {
    this.deleted.add(taskId);
    this.tasks.delete(taskId);
  }

  private entry(taskId: string): TaskEntry {
    let entry = this.tasks.get(taskId);
    if (!entry) {
      entry = {};
      this.tasks.set(taskId, entry);
    }
    return entry;
  }
}

function toView(id: string, entry: TaskEntry): TaskView {
  return {
    id,
    title: entry.title?.value ?? '',
    notes: entry.notes?.value ?? '',
    dueDay: entry.dueDay?.value ?? null,
    completed: entry.completed?.value ?? false,
    position: entry.position?.value ?? '',
  };
}

export function compareTaskOrder(a: Pick<TaskView, 'id' | 'position'>, b: Pick<TaskView, 'id' | 'position'>): number {
  return byCodeUnits(a.position, b.position) || byCodeUnits(a.id, b.id);
}
