import { z } from 'zod';
import { text } from './fields';
import type {
  AddTaskOp,
  ArchiveListOp,
  CreateListOp,
  DeleteListOp,
  DeleteTaskOp,
  EditTaskOp,
  ListOpEnvelope,
  MoveTaskOp,
  RegistryOpEnvelope,
  RenameListOp,
  SetCompletedOp,
  SetDueOp,
  SetDueTimeOp,
  SetPriorityOp,
  SetRecurrenceOp,
  SetReminderOp,
} from '../crdt/ops';
import { REGISTRY_ID } from '../crdt/ops';
import { isOrderKey } from '../crdt/position';
import { addDays, DAY_PATTERN } from '../days';
import { recurrenceProblem } from '../recurrence-rule';

// No transforms (trim, defaults) anywhere: the server stores the payload as sent and every replica
// must materialise exactly what was validated. These schemas check what the API receives (a refused
// push is a 400 with its issues) and describe it in the OpenAPI document; replicas read ops with the
// same rules written by hand (crdt/check.ts: the browser loads no Zod), held to these by check.test.ts.

export const opIdSchema = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9_-]+$/, 'Use letters, digits, - and _');
export const actorSchema = opIdSchema;
export const clockSchema = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const notBlank = (s: string) => s.trim().length > 0;
export const titleSchema = text().max(500).refine(notBlank, 'Enter a title');
export const listNameSchema = text().max(500).refine(notBlank, 'Enter a name');
export const notesSchema = text().max(10_000);
// One check, not regex + refine: zod runs every check, and addDays throws on a malformed day.
const isCalendarDay = (day: string) => DAY_PATTERN.test(day) && addDays(day, 0) === day;
export const daySchema = z.string().refine(isCalendarDay, 'Use a calendar day, YYYY-MM-DD');
export const dueDaySchema = daySchema.nullable();
export const prioritySchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable();
export const dueTimeSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use a time, HH:MM (24 h)')
  .nullable();
export const repeatFromSchema = z.enum(['due', 'completion']);
/** Up to four weeks before the due time. */
export const minutesBeforeSchema = z.number().int().min(0).max(40_320).nullable();
export const positionSchema = z.string().max(1_000).refine(isOrderKey, 'Not a fractional index key');

/** An op on one list: its type, the list, and what it carries. */
const listOp = <T extends string, F extends z.ZodRawShape>(type: T, fields: F) => z.strictObject({ type: z.literal(type), listId: opIdSchema, ...fields });
/** An op on one task: its type, the task, and what it carries. */
const taskOp = <T extends string, F extends z.ZodRawShape>(type: T, fields: F) => z.strictObject({ type: z.literal(type), taskId: opIdSchema, ...fields });

export const createListOpSchema = listOp('createList', { name: listNameSchema }) satisfies z.ZodType<CreateListOp>;
export const renameListOpSchema = listOp('renameList', { name: listNameSchema }) satisfies z.ZodType<RenameListOp>;
export const archiveListOpSchema = listOp('archiveList', { archived: z.boolean() }) satisfies z.ZodType<ArchiveListOp>;
export const deleteListOpSchema = listOp('deleteList', {}) satisfies z.ZodType<DeleteListOp>;

export const registryOpSchema = z.discriminatedUnion('type', [createListOpSchema, renameListOpSchema, archiveListOpSchema, deleteListOpSchema]);

export const addTaskOpSchema = taskOp('addTask', {
  title: titleSchema,
  notes: notesSchema.optional(),
  dueDay: dueDaySchema.optional(),
  position: positionSchema,
}) satisfies z.ZodType<AddTaskOp>;
export const editTaskOpSchema = taskOp('editTask', {
  fields: z
    .strictObject({ title: titleSchema.optional(), notes: notesSchema.optional() })
    .refine((f) => f.title !== undefined || f.notes !== undefined, 'Change the title or the notes'),
}) satisfies z.ZodType<EditTaskOp>;
export const setDueOpSchema = taskOp('setDue', { dueDay: dueDaySchema }) satisfies z.ZodType<SetDueOp>;
export const setCompletedOpSchema = taskOp('setCompleted', { completed: z.boolean() }) satisfies z.ZodType<SetCompletedOp>;
export const moveTaskOpSchema = taskOp('moveTask', { position: positionSchema }) satisfies z.ZodType<MoveTaskOp>;
export const deleteTaskOpSchema = taskOp('deleteTask', {}) satisfies z.ZodType<DeleteTaskOp>;

export const setPriorityOpSchema = taskOp('setPriority', { priority: prioritySchema }) satisfies z.ZodType<SetPriorityOp>;
export const setDueTimeOpSchema = taskOp('setDueTime', { dueTime: dueTimeSchema }) satisfies z.ZodType<SetDueTimeOp>;
export const setRecurrenceOpSchema = taskOp('setRecurrence', { rule: z.string().nullable(), from: repeatFromSchema }).superRefine((op, ctx) => {
  const problem = op.rule === null ? null : recurrenceProblem(op.rule, op.from);
  if (problem) ctx.addIssue({ code: 'custom', path: ['rule'], message: problem });
}) satisfies z.ZodType<SetRecurrenceOp>;
export const setReminderOpSchema = taskOp('setReminder', { minutesBefore: minutesBeforeSchema }) satisfies z.ZodType<SetReminderOp>;

export const listOpSchema = z.discriminatedUnion('type', [
  addTaskOpSchema,
  setPriorityOpSchema,
  setDueTimeOpSchema,
  setRecurrenceOpSchema,
  setReminderOpSchema,
  editTaskOpSchema,
  setDueOpSchema,
  setCompletedOpSchema,
  moveTaskOpSchema,
  deleteTaskOpSchema,
]);

/** One op of one resource (the registry of lists, or a list), from one actor at its clock. */
const envelope = <S extends string, R extends z.ZodType, P extends z.ZodType>(scope: S, resourceId: R, payload: P) =>
  z.strictObject({ scope: z.literal(scope), resourceId, actor: actorSchema, clock: clockSchema, payload });

export const registryOpEnvelopeSchema = envelope('registry', z.literal(REGISTRY_ID), registryOpSchema) satisfies z.ZodType<RegistryOpEnvelope>;
export const listOpEnvelopeSchema = envelope('list', opIdSchema, listOpSchema) satisfies z.ZodType<ListOpEnvelope>;

/** One op as pushed by a client and stored in the op log; a batch with one bad op is rejected whole. */
export const opEnvelopeSchema = z.discriminatedUnion('scope', [registryOpEnvelopeSchema, listOpEnvelopeSchema]);
