/**
 * One user's tasks: the registry of lists plus one list CRDT per list. The browser applies local
 * and pulled ops to it; the server rebuilds it from snapshots plus newer ops to compact the log and
 * to count tasks. Pure and deterministic: no I/O, no wall clock.
 */
import { byCodeUnits, canonicalJson } from './canonical';
import { checkListOp, checkRegistryOp, MAX_KEPT_OPS, opId, readOps, type ReadOps } from './check';
import { LamportClock, type Stamp } from './clock';
import { noTasks, type TaskCounts } from './counts';
import { ListState, type TaskView } from './list';
import {
  REGISTRY_ID,
  type AddTaskOp,
  type ArchiveListOp,
  type CreateListOp,
  type DeleteListOp,
  type DeleteTaskOp,
  type EditTaskOp,
  type KeptOpEnvelope,
  type ListOp,
  type ListOpEnvelope,
  type MoveTaskOp,
  type OpEnvelope,
  type OpScope,
  type RegistryOp,
  type RegistryOpEnvelope,
  type RenameListOp,
  type ResourceKey,
  type Priority,
  type SetCompletedOp,
  type SetDueOp,
  type SetDueTimeOp,
  type SetPriorityOp,
  type SetRecurrenceOp,
  type SetReminderOp,
} from './ops';
import { needRepeatRules, nextOccurrenceId, type Recurrence } from '../recurrence';
import { recurrenceProblem } from '../recurrence-rule';
import { positionBetween, type TaskPlacement } from './position';
import { RegistryState } from './registry';
import { checkDocumentSnapshot, checkResourceSnapshot, decodeList, decodeRegistry, encodeList, encodeRegistry, SNAPSHOT_VERSION } from './snapshot';

export interface TaskDocumentOptions {
  /** This replica's actor id. Without one the document applies ops but cannot make them (the server). */
  actor?: string;
  /** Makes list and task ids. Ids must be created once and never reused: that is what makes delete final. */
  newId?: () => string;
}

export interface NewTask extends TaskPlacement {
  title: string;
  notes?: string;
  dueDay?: string | null;
}

/** What a task may carry besides its first fields; each is set by its own op. */
export interface TaskDetails {
  priority?: Priority | null;
  dueTime?: string | null;
  recurrence?: Recurrence | null;
  reminder?: number | null;
}

export interface ListView {
  id: string;
  name: string;
  archived: boolean;
  tasks: TaskView[];
}

export interface ListedTask extends TaskView {
  listId: string;
}

export class TaskDocument {
  private readonly registry = new RegistryState();
  private readonly listStates = new Map<string, ListState>();
  private readonly lamport = new LamportClock();
  /** Ops of types this build does not read, by their op-log identity, passed on unchanged. */
  private readonly keptOps = new Map<string, KeptOpEnvelope>();
  /** Set once an op past `MAX_KEPT_OPS` was dropped: a newer build must bootstrap to see it. */
  droppedKept = false;
  private readonly actor: string | undefined;
  private readonly newId: () => string;

  constructor(options: TaskDocumentOptions = {}) {
    this.actor = options.actor === undefined ? undefined : opId(options.actor, 'actor');
    this.newId = options.newId ?? (() => crypto.randomUUID());
  }

  /** Rebuilds a document from `toSnapshot`; apply newer ops after it (ops it already covers are harmless). */
  static fromSnapshot(snapshot: string, options?: TaskDocumentOptions): TaskDocument {
    const parsed = checkDocumentSnapshot(JSON.parse(snapshot));
    const doc = new TaskDocument(options);
    doc.mergeRegistry(decodeRegistry(parsed.registry));
    for (const [listId, body] of parsed.lists) doc.mergeList(listId, decodeList(body));
    // An older build kept these; what this build now reads takes effect, the rest stays kept.
    doc.take(readOps(parsed.kept ?? []));
    return doc;
  }

  /** The highest Lamport clock this replica has made or seen; its next op is stamped above it. */
  get clock(): number {
    return this.lamport.value;
  }

  /** Takes in one op, local or remote, in any order, any number of times. */
  apply(op: OpEnvelope): void {
    this.lamport.observe(op.clock);
    const stamp: Stamp = { clock: op.clock, actor: op.actor };
    if (op.scope === 'registry') {
      this.registry.apply(op.payload, stamp);
      if (op.payload.type === 'deleteList') this.listStates.get(op.payload.listId)?.discard();
      return;
    }
    const list = this.listState(op.resourceId);
    if (this.registry.isDeleted(op.resourceId)) list.observe(op.clock);
    else list.apply(op.payload, stamp);
  }

  applyAll(ops: Iterable<OpEnvelope>): void {
    for (const op of ops) this.apply(op);
  }

  /**
   * Keeps an op of a type this build does not read: it moves the clock (this replica's next ops stamp
   * above it) and travels on in `toSnapshot`, for a newer build to apply (protocol-spec.md, "Versioning").
   */
  keep(op: KeptOpEnvelope): void {
    this.lamport.observe(op.clock);
    if (this.keptOps.size >= MAX_KEPT_OPS) {
      this.droppedKept = true;
      return;
    }
    this.keptOps.set(canonicalJson([op.actor, op.clock, op.scope, op.resourceId]), op);
  }

  /** Applies what this build reads and keeps the rest (`readOps`). */
  take({ ops, kept }: Pick<ReadOps, 'ops' | 'kept'>): void {
    this.applyAll(ops);
    for (const op of kept) this.keep(op);
  }

  /** The ops kept for a newer build, in op-log identity order. */
  kept(): KeptOpEnvelope[] {
    return [...this.keptOps].sort(([a], [b]) => byCodeUnits(a, b)).map(([, op]) => op);
  }

  // Local op builders: each validates, stamps with a fresh tick, applies and returns the op for the outbox.

  createList(name: string): RegistryOpEnvelope<CreateListOp> {
    return this.emitRegistry({ type: 'createList', listId: this.newId(), name: name.trim() });
  }

  renameList(listId: string, name: string): RegistryOpEnvelope<RenameListOp> {
    return this.emitRegistry({ type: 'renameList', listId, name: name.trim() });
  }

  archiveList(listId: string, archived = true): RegistryOpEnvelope<ArchiveListOp> {
    return this.emitRegistry({ type: 'archiveList', listId, archived });
  }

  deleteList(listId: string): RegistryOpEnvelope<DeleteListOp> {
    return this.emitRegistry({ type: 'deleteList', listId });
  }

  addTask(listId: string, task: NewTask): ListOpEnvelope<AddTaskOp> {
    const payload: AddTaskOp = { type: 'addTask', taskId: this.newId(), title: task.title.trim(), position: positionBetween(this.orderedTasks(listId), task) };
    if (task.notes !== undefined) payload.notes = task.notes;
    if (task.dueDay !== undefined) payload.dueDay = task.dueDay;
    return this.emitList(listId, payload);
  }

  /** A task and its details, one op each (an older replica keeps the task even if it skips the rest). */
  addTaskWithDetails(listId: string, task: NewTask & TaskDetails): ListOpEnvelope[] {
    // A repeat rule from a due day is checked with the rules: they must be here before the task is added.
    if (task.recurrence && task.dueDay && task.recurrence.from === 'due') needRepeatRules();
    const add = this.addTask(listId, task);
    return [add, ...this.setDetails(listId, add.payload.taskId, task)];
  }

  /** One op per detail given; undefined details are left as they are. */
  setDetails(listId: string, taskId: string, details: TaskDetails): ListOpEnvelope[] {
    // All or nothing: the rules a repeat rule is checked with are here before the first op is made.
    if (details.recurrence && details.recurrence.from === 'due') needRepeatRules();
    const ops: ListOpEnvelope[] = [];
    if (details.priority !== undefined) ops.push(this.setPriority(listId, taskId, details.priority));
    if (details.dueTime !== undefined) ops.push(this.setDueTime(listId, taskId, details.dueTime));
    if (details.recurrence !== undefined) ops.push(this.setRecurrence(listId, taskId, details.recurrence));
    if (details.reminder !== undefined) ops.push(this.setReminder(listId, taskId, details.reminder));
    return ops;
  }

  setPriority(listId: string, taskId: string, priority: Priority | null): ListOpEnvelope<SetPriorityOp> {
    return this.emitList(listId, { type: 'setPriority', taskId, priority });
  }

  setDueTime(listId: string, taskId: string, dueTime: string | null): ListOpEnvelope<SetDueTimeOp> {
    return this.emitList(listId, { type: 'setDueTime', taskId, dueTime });
  }

  /** Refuses a rule the app cannot repeat by, or one with no date after the task's due day. */
  setRecurrence(listId: string, taskId: string, recurrence: Recurrence | null): ListOpEnvelope<SetRecurrenceOp> {
    if (recurrence) {
      const problem = recurrenceProblem(recurrence.rule, recurrence.from);
      if (problem) throw new RangeError(problem);
      if (nextOccurrenceId(taskId).length > 100) throw new RangeError('This task id is too long to repeat');
      const due = this.listStates.get(listId)?.view(taskId)?.dueDay;
      if (due && recurrence.from === 'due' && needRepeatRules().nextDueDay(recurrence, due, due) === null)
        throw new RangeError('This rule has no date after the due date');
    }
    return this.emitList(listId, { type: 'setRecurrence', taskId, rule: recurrence?.rule ?? null, from: recurrence?.from ?? 'due' });
  }

  setReminder(listId: string, taskId: string, minutesBefore: number | null): ListOpEnvelope<SetReminderOp> {
    return this.emitList(listId, { type: 'setReminder', taskId, minutesBefore });
  }

  /**
   * Completes a task on `completedOn` (the user's local day). A repeating one also gets its next
   * occurrence, under the id `nextOccurrenceId` makes from this one: a device that completes the
   * same occurrence concurrently makes the same id, so the two adds merge into one task.
   */
  completeTask(listId: string, taskId: string, completedOn: string): ListOpEnvelope[] {
    const task = this.listStates.get(listId)?.view(taskId);
    // A repeating task's next date comes from the rules: they must be here before anything is done.
    const rules = task && !task.completed && task.recurrence ? needRepeatRules() : null;
    const ops: ListOpEnvelope[] = [this.setCompleted(listId, taskId, true)];
    if (!task || !rules || !task.recurrence) return ops;
    const dueDay = rules.nextDueDay(task.recurrence, task.dueDay ?? completedOn, completedOn);
    const nextId = nextOccurrenceId(taskId);
    if (dueDay === null || this.listStates.get(listId)?.knows(nextId)) return ops;
    const add: AddTaskOp = {
      type: 'addTask',
      taskId: nextId,
      title: task.title,
      dueDay,
      position: positionBetween(this.orderedTasks(listId), { after: taskId }),
    };
    if (task.notes) add.notes = task.notes;
    ops.push(this.emitList(listId, add));
    const { priority, dueTime, recurrence, reminder } = task;
    ops.push(
      ...this.setDetails(listId, nextId, { priority: priority ?? undefined, dueTime: dueTime ?? undefined, recurrence, reminder: reminder ?? undefined }),
    );
    return ops;
  }

  editTask(listId: string, taskId: string, fields: { title?: string; notes?: string }): ListOpEnvelope<EditTaskOp> {
    const changed: EditTaskOp['fields'] = {};
    if (fields.title !== undefined) changed.title = fields.title.trim();
    if (fields.notes !== undefined) changed.notes = fields.notes;
    return this.emitList(listId, { type: 'editTask', taskId, fields: changed });
  }

  setDue(listId: string, taskId: string, dueDay: string | null): ListOpEnvelope<SetDueOp> {
    return this.emitList(listId, { type: 'setDue', taskId, dueDay });
  }

  setCompleted(listId: string, taskId: string, completed: boolean): ListOpEnvelope<SetCompletedOp> {
    return this.emitList(listId, { type: 'setCompleted', taskId, completed });
  }

  /** Anchors are other tasks of the list; one that is missing (deleted meanwhile) is ignored. */
  moveTask(listId: string, taskId: string, placement: TaskPlacement): ListOpEnvelope<MoveTaskOp> {
    const others = this.orderedTasks(listId).filter((t) => t.id !== taskId);
    return this.emitList(listId, { type: 'moveTask', taskId, position: positionBetween(others, placement) });
  }

  deleteTask(listId: string, taskId: string): ListOpEnvelope<DeleteTaskOp> {
    return this.emitList(listId, { type: 'deleteTask', taskId });
  }

  /** Lists in creation order, archived ones included (flagged); deleted lists and tasks are gone. */
  lists(): ListView[] {
    return this.registry.visible().map(({ id, name, archived }) => ({ id, name, archived, tasks: this.orderedTasks(id) }));
  }

  /** A task of a visible list (archived included), or undefined. */
  task(taskId: string): ListedTask | undefined {
    for (const { id } of this.registry.visible()) {
      const task = this.listStates.get(id)?.view(taskId);
      if (task) return { ...task, listId: id };
    }
    return undefined;
  }

  counts(todayDay: string): TaskCounts {
    // Counting needs neither order nor views: sorting and building them cost a server push more than applying its ops.
    const counts = noTasks(todayDay);
    for (const { id, archived } of this.registry.visible()) if (!archived) this.listStates.get(id)?.countInto(counts, todayDay);
    return counts;
  }

  /** Canonical: two documents holding the same state give byte-identical snapshots. */
  toSnapshot(): string {
    const lists = this.touchedLists().map(([listId, state]) => [listId, encodeList(state)]);
    const kept = this.keptOps.size > 0 ? this.kept() : undefined;
    return canonicalJson({ v: SNAPSHOT_VERSION, registry: encodeRegistry(this.registry), lists, kept });
  }

  /** The resources this document holds state for, registry first: what the server snapshots. */
  resources(): ResourceKey[] {
    const lists = this.touchedLists().map(([resourceId]): ResourceKey => ({ scope: 'list', resourceId }));
    return this.registry.maxClock > 0 ? [{ scope: 'registry', resourceId: REGISTRY_ID }, ...lists] : lists;
  }

  /** One resource's state, canonical; a resource never touched gives an empty snapshot. */
  snapshotResource(scope: OpScope, resourceId: string): string {
    if (scope === 'registry') {
      assertRegistryId(resourceId);
      return canonicalJson({ v: SNAPSHOT_VERSION, scope, resourceId, state: encodeRegistry(this.registry) });
    }
    const state = this.listStates.get(resourceId) ?? new ListState();
    return canonicalJson({ v: SNAPSHOT_VERSION, scope, resourceId, state: encodeList(state) });
  }

  /** Merges one resource's snapshot in; resources may load in any order, before or after ops. */
  loadResource(scope: OpScope, resourceId: string, snapshot: string): void {
    const parsed = checkResourceSnapshot(JSON.parse(snapshot));
    if (parsed.scope !== scope || parsed.resourceId !== resourceId) {
      throw new Error(`Snapshot is for ${parsed.scope}/${parsed.resourceId}, not ${scope}/${resourceId}`);
    }
    if (parsed.scope === 'registry') this.mergeRegistry(decodeRegistry(parsed.state));
    else this.mergeList(parsed.resourceId, decodeList(parsed.state));
  }

  private mergeRegistry(other: RegistryState): void {
    this.lamport.observe(other.maxClock);
    this.registry.merge(other);
    for (const [listId, state] of this.listStates) if (this.registry.isDeleted(listId)) state.discard();
  }

  private mergeList(listId: string, other: ListState): void {
    this.lamport.observe(other.maxClock);
    const list = this.listState(listId);
    if (this.registry.isDeleted(listId)) list.observe(other.maxClock);
    else list.merge(other);
  }

  private emitRegistry<P extends RegistryOp>(payload: P): RegistryOpEnvelope<P> {
    checkRegistryOp(payload);
    const op: RegistryOpEnvelope<P> = { scope: 'registry', resourceId: REGISTRY_ID, actor: this.requireActor(), clock: this.lamport.tick(), payload };
    this.apply(op);
    return op;
  }

  private emitList<P extends ListOp>(listId: string, payload: P): ListOpEnvelope<P> {
    opId(listId, 'listId');
    checkListOp(payload);
    const op: ListOpEnvelope<P> = { scope: 'list', resourceId: listId, actor: this.requireActor(), clock: this.lamport.tick(), payload };
    this.apply(op);
    return op;
  }

  private requireActor(): string {
    if (this.actor === undefined) throw new Error('This TaskDocument has no actor: it can apply ops but not make them');
    return this.actor;
  }

  private orderedTasks(listId: string): TaskView[] {
    return this.listStates.get(listId)?.visible() ?? [];
  }

  private listState(listId: string): ListState {
    let state = this.listStates.get(listId);
    if (!state) {
      state = new ListState();
      this.listStates.set(listId, state);
    }
    return state;
  }

  /** List states that saw at least one op; an empty one (from loading an empty snapshot) is no state. */
  private touchedLists(): [string, ListState][] {
    return [...this.listStates].filter(([, state]) => state.maxClock > 0).sort(([a], [b]) => byCodeUnits(a, b));
  }
}

function assertRegistryId(resourceId: string): void {
  if (resourceId !== REGISTRY_ID) throw new Error(`The registry resource is ${REGISTRY_ID}, not ${resourceId}`);
}
