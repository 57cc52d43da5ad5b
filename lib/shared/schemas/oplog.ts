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
} from '../crdt/ops';
import { REGISTRY_ID } from '../crdt/ops';
import { isOrderKey } from '../crdt/position';
import { addDays, DAY_PATTERN } from '../days';

// No transforms (trim, defaults) anywhere: the server stores the payload as sent and every replica
// must materialise exactly what was validated.

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
export const positionSchema = z.string().max(1_000).refine(isOrderKey, 'Not a fractional index key');

export const createListOpSchema = z.strictObject({ type: z.literal('createList'), listId: opIdSchema, name: listNameSchema }) satisfies z.ZodType<CreateListOp>;
export const renameListOpSchema = z.strictObject({ type: z.literal('renameList'), listId: opIdSchema, name: listNameSchema }) satisfies z.ZodType<RenameListOp>;
export const archiveListOpSchema = z.strictObject({
  type: z.literal('archiveList'),
  listId: opIdSchema,
  archived: z.boolean(),
}) satisfies z.ZodType<ArchiveListOp>;
export const deleteListOpSchema = z.strictObject({ type: z.literal('deleteList'), listId: opIdSchema }) satisfies z.ZodType<DeleteListOp>;

export const registryOpSchema = z.discriminatedUnion('type', [createListOpSchema, renameListOpSchema, archiveListOpSchema, deleteListOpSchema]);

export const addTaskOpSchema = z.strictObject({
  type: z.literal('addTask'),
  taskId: opIdSchema,
  title: titleSchema,
  notes: notesSchema.optional(),
  dueDay: dueDaySchema.optional(),
  position: positionSchema,
}) satisfies z.ZodType<AddTaskOp>;
export const editTaskOpSchema = z.strictObject({
  type: z.literal('editTask'),
  taskId: opIdSchema,
  fields: z
    .strictObject({ title: titleSchema.optional(), notes: notesSchema.optional() })
    .refine((f) => f.title !== undefined || f.notes !== undefined, 'Change the title or the notes'),
}) satisfies z.ZodType<EditTaskOp>;
export const setDueOpSchema = z.strictObject({ type: z.literal('setDue'), taskId: opIdSchema, dueDay: dueDaySchema }) satisfies z.ZodType<SetDueOp>;
export const setCompletedOpSchema = z.strictObject({
  type: z.literal('setCompleted'),
  taskId: opIdSchema,
  completed: z.boolean(),
}) satisfies z.ZodType<SetCompletedOp>;
export const moveTaskOpSchema = z.strictObject({ type: z.literal('moveTask'), taskId: opIdSchema, position: positionSchema }) satisfies z.ZodType<MoveTaskOp>;
export const deleteTaskOpSchema = z.strictObject({ type: z.literal('deleteTask'), taskId: opIdSchema }) satisfies z.ZodType<DeleteTaskOp>;

export const listOpSchema = z.discriminatedUnion('type', [
  addTaskOpSchema,
  editTaskOpSchema,
  setDueOpSchema,
  setCompletedOpSchema,
  moveTaskOpSchema,
  deleteTaskOpSchema,
]);

export const registryOpEnvelopeSchema = z.strictObject({
  scope: z.literal('registry'),
  resourceId: z.literal(REGISTRY_ID),
  actor: actorSchema,
  clock: clockSchema,
  payload: registryOpSchema,
}) satisfies z.ZodType<RegistryOpEnvelope>;
export const listOpEnvelopeSchema = z.strictObject({
  scope: z.literal('list'),
  resourceId: opIdSchema,
  actor: actorSchema,
  clock: clockSchema,
  payload: listOpSchema,
}) satisfies z.ZodType<ListOpEnvelope>;

/** One op as pushed by a client and stored in the op log; a batch with one bad op is rejected whole. */
export const opEnvelopeSchema = z.discriminatedUnion('scope', [registryOpEnvelopeSchema, listOpEnvelopeSchema]);
