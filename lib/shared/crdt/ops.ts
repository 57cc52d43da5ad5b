/**
 * The task ops and the envelope the op log stores (seed 004). The server treats `payload` as
 * opaque JSON and dedupes on (actor, clock, scope, resourceId); only this module gives it meaning.
 * `apply` trusts its input: check it with `checkOpEnvelope` or `readOps` (check.ts) at every boundary
 * an op crosses (the API's pushes with `opEnvelopeSchema`, lib/shared/schemas/oplog.ts: the same rules).
 */

/** The one registry resource of a user: its ops create, rename, archive and delete lists. */
export const REGISTRY_ID = 'registry';

export type OpScope = 'registry' | 'list';

/**
 * The set of op types this build reads: bump it with every new op type. A replica that skipped ops
 * it could not read records the version it had, and a newer build bootstraps to apply them.
 */
export const OPS_VERSION = 2;

export interface CreateListOp {
  type: 'createList';
  listId: string;
  name: string;
}
export interface RenameListOp {
  type: 'renameList';
  listId: string;
  name: string;
}
export interface ArchiveListOp {
  type: 'archiveList';
  listId: string;
  archived: boolean;
}
/** A tombstone: the list and its tasks are gone for good (list ids are never reused). */
export interface DeleteListOp {
  type: 'deleteList';
  listId: string;
}
export type RegistryOp = CreateListOp | RenameListOp | ArchiveListOp | DeleteListOp;

export interface AddTaskOp {
  type: 'addTask';
  taskId: string;
  title: string;
  notes?: string;
  /** A local day, YYYY-MM-DD, or null for no due day. */
  dueDay?: string | null;
  /** A fractional index key (package `fractional-indexing`). */
  position: string;
}
export interface EditTaskOp {
  type: 'editTask';
  taskId: string;
  fields: { title?: string; notes?: string };
}
export interface SetDueOp {
  type: 'setDue';
  taskId: string;
  dueDay: string | null;
}
export interface SetCompletedOp {
  type: 'setCompleted';
  taskId: string;
  completed: boolean;
}
export interface MoveTaskOp {
  type: 'moveTask';
  taskId: string;
  position: string;
}
/** A tombstone: the task is gone for good (task ids are never reused). */
export interface DeleteTaskOp {
  type: 'deleteTask';
  taskId: string;
}
/** 1 is the most urgent; null clears it (the same as p4 for sorting, shown as no priority). */
export type Priority = 1 | 2 | 3 | 4;
export interface SetPriorityOp {
  type: 'setPriority';
  taskId: string;
  priority: Priority | null;
}
/** A wall-clock time, HH:MM (24 h), on the due day in the user's own time zone; null = any time that day. */
export interface SetDueTimeOp {
  type: 'setDueTime';
  taskId: string;
  dueTime: string | null;
}
/** Where the next occurrence is counted from: the rule's next date after the due day, or the day of completion. */
export type RepeatFrom = 'due' | 'completion';
/** An RFC 5545 RRULE value (`FREQ=WEEKLY;BYDAY=MO`, no DTSTART: the due day anchors it), or null to stop repeating. */
export interface SetRecurrenceOp {
  type: 'setRecurrence';
  taskId: string;
  rule: string | null;
  from: RepeatFrom;
}
/** A reminder this many minutes before the due time (0 = at it), or null for none. */
export interface SetReminderOp {
  type: 'setReminder';
  taskId: string;
  minutesBefore: number | null;
}
export type ListOp =
  AddTaskOp | EditTaskOp | SetDueOp | SetCompletedOp | MoveTaskOp | DeleteTaskOp | SetPriorityOp | SetDueTimeOp | SetRecurrenceOp | SetReminderOp;

interface EnvelopeBase {
  /** The replica that made the op (a browser's stable actor id). */
  actor: string;
  /** Its Lamport clock when it made the op; with `actor` it stamps every register the op writes. */
  clock: number;
}
export interface RegistryOpEnvelope<P extends RegistryOp = RegistryOp> extends EnvelopeBase {
  scope: 'registry';
  resourceId: typeof REGISTRY_ID;
  payload: P;
}
export interface ListOpEnvelope<P extends ListOp = ListOp> extends EnvelopeBase {
  scope: 'list';
  /** The list the task belongs to. */
  resourceId: string;
  payload: P;
}
export type OpEnvelope = RegistryOpEnvelope | ListOpEnvelope;

/**
 * An op of a type this build does not read (a newer build made it). A replica keeps it unchanged and
 * passes it on — in its snapshot, to its other tabs — so a newer build can apply it (protocol-spec.md,
 * "Versioning"); it only moves the Lamport clock here.
 */
export interface KeptOpEnvelope extends EnvelopeBase {
  scope: OpScope;
  resourceId: string;
  payload: { type: string; [field: string]: unknown };
}

/** The unit the server snapshots and the op log partitions by. */
export interface ResourceKey {
  scope: OpScope;
  resourceId: string;
}
