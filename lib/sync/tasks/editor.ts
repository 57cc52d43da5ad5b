import type { NewTask, OpEnvelope, Priority, TaskDetails, TaskDocument, TaskPlacement } from '@/lib/shared/crdt';
import { loadRepeatRules, RepeatRulesNeeded, type Recurrence } from '@/lib/shared/recurrence';

/**
 * The local edits a tab makes to its tasks replica: each applies at once and resolves (with the new
 * id, for creations) once the op is durable in the outbox. The engine says how an op is made durable.
 */
export abstract class TaskEditor {
  /** Applies `make` to the replica now and resolves once its op is in the IndexedDB outbox. */
  protected abstract edit<T extends OpEnvelope>(make: (doc: TaskDocument) => T): Promise<T>;
  /** The same for an edit made of several ops (a task and its details, a completion and the next occurrence). */
  protected abstract editMany<T extends OpEnvelope>(make: (doc: TaskDocument) => T[]): Promise<T[]>;

  createList(name: string): Promise<string> {
    return this.edit((doc) => doc.createList(name)).then((op) => op.payload.listId);
  }

  renameList(listId: string, name: string): Promise<void> {
    return this.done(this.edit((doc) => doc.renameList(listId, name)));
  }

  archiveList(listId: string, archived = true): Promise<void> {
    return this.done(this.edit((doc) => doc.archiveList(listId, archived)));
  }

  deleteList(listId: string): Promise<void> {
    return this.done(this.edit((doc) => doc.deleteList(listId)));
  }

  addTask(listId: string, task: NewTask): Promise<string> {
    return this.edit((doc) => doc.addTask(listId, task)).then((op) => op.payload.taskId);
  }

  /** A task with its priority, time, repeat rule and reminder; resolves with its id. */
  async addTaskWithDetails(listId: string, task: NewTask & TaskDetails): Promise<string> {
    if (task.recurrence) await loadRepeatRules();
    const [add] = await this.editMany((doc) => doc.addTaskWithDetails(listId, task));
    return add.payload.taskId;
  }

  /** Several details at once (the task editor's Save): one op per detail given. */
  async setDetails(listId: string, taskId: string, details: TaskDetails): Promise<void> {
    if (details.recurrence) await loadRepeatRules();
    await this.editMany((doc) => doc.setDetails(listId, taskId, details));
  }

  setPriority(listId: string, taskId: string, priority: Priority | null): Promise<void> {
    return this.done(this.edit((doc) => doc.setPriority(listId, taskId, priority)));
  }

  setDueTime(listId: string, taskId: string, dueTime: string | null): Promise<void> {
    return this.done(this.edit((doc) => doc.setDueTime(listId, taskId, dueTime)));
  }

  async setRecurrence(listId: string, taskId: string, recurrence: Recurrence | null): Promise<void> {
    if (recurrence) await loadRepeatRules();
    await this.edit((doc) => doc.setRecurrence(listId, taskId, recurrence));
  }

  setReminder(listId: string, taskId: string, minutesBefore: number | null): Promise<void> {
    return this.done(this.edit((doc) => doc.setReminder(listId, taskId, minutesBefore)));
  }

  /** Completes a task on the user's local day `completedOn`; a repeating one gets its next occurrence. */
  async completeTask(listId: string, taskId: string, completedOn: string): Promise<void> {
    const complete = () => this.editMany((doc) => doc.completeTask(listId, taskId, completedOn));
    try {
      await complete();
    } catch (err) {
      // A repeating task needs the rules for its next date; the document refused before changing anything.
      if (!(err instanceof RepeatRulesNeeded)) throw err;
      await loadRepeatRules();
      await complete();
    }
  }

  editTask(listId: string, taskId: string, fields: { title?: string; notes?: string }): Promise<void> {
    return this.done(this.edit((doc) => doc.editTask(listId, taskId, fields)));
  }

  setDue(listId: string, taskId: string, dueDay: string | null): Promise<void> {
    return this.done(this.edit((doc) => doc.setDue(listId, taskId, dueDay)));
  }

  setCompleted(listId: string, taskId: string, completed: boolean): Promise<void> {
    return this.done(this.edit((doc) => doc.setCompleted(listId, taskId, completed)));
  }

  moveTask(listId: string, taskId: string, placement: TaskPlacement): Promise<void> {
    return this.done(this.edit((doc) => doc.moveTask(listId, taskId, placement)));
  }

  deleteTask(listId: string, taskId: string): Promise<void> {
    return this.done(this.edit((doc) => doc.deleteTask(listId, taskId)));
  }

  private async done(edit: Promise<unknown>): Promise<void> {
    await edit;
  }
}
