import { z } from 'zod';
import { bookFields, readingSessionFields, readsSomething } from './books';
import { colorSchema, instantSchema, localDaySchema, recordIdSchema, text } from './fields';
import { focusTaskTitleSchema, pomodoroSettingsSchema } from './focus';
import { habitFields } from './habits';
import { activityIdsSchema, activityLabelSchema, moodNotesSchema, moodScoreSchema } from './mood';
import { checkSpan, eventFields } from './planner';
import { questFields } from './quests';

// Native record sync v1 (seed 002, DESIGN.md "Native clients"): one `data` schema per entity type,
// field names as the drizzle columns (camelCase) minus id, userId, serverVersion and timestamps.
// The server validates uploads with them, the reference client its local edits, and the
// OpenAPI document is generated from them.

const nullableInstant = instantSchema.nullable().default(null);
const instant = instantSchema;
const recordId = recordIdSchema;

// Each record's fields are the web's own (fields.ts and each domain's schema file), with the defaults
// a whole record needs: one rule set for both doors of a write.

const habitData = z.strictObject({
  name: habitFields.name,
  cadence: habitFields.cadence,
  /** For weekly habits: how many days a week. */
  timesPerWeek: habitFields.timesPerWeek.default(7),
  color: habitFields.color.default(null),
  archivedAt: nullableInstant,
});

const habitLogData = z.strictObject({
  habitId: recordId,
  /** The user's local calendar day. */
  day: localDaySchema,
});

const bookData = z.strictObject({
  title: bookFields.title,
  author: bookFields.author.default(null),
  totalPages: bookFields.totalPages,
  completedAt: nullableInstant,
});

const readingSessionData = z
  .strictObject({
    bookId: recordId,
    pages: readingSessionFields.pages,
    minutes: readingSessionFields.minutes,
    readAt: instant,
  })
  .refine(...readsSomething);

const questData = z
  .strictObject({
    title: questFields.title,
    description: questFields.description.default(null),
    target: questFields.target,
    progress: z.number().int().min(0).max(1_000_000).default(0),
    xpReward: questFields.xpReward,
    deadline: questFields.deadline.default(null),
    completedAt: nullableInstant,
  })
  .refine((q) => q.progress <= q.target, { message: 'progress cannot exceed target', path: ['progress'] });

const plannerEventData = z
  .strictObject({
    title: eventFields.title,
    startsAt: eventFields.startsAt,
    endsAt: eventFields.endsAt,
    allDay: eventFields.allDay.default(false),
    notes: eventFields.notes.default(null).transform((v) => v || null),
    color: eventFields.color.default(null),
  })
  .superRefine(checkSpan);

const focusSessionData = z.strictObject({
  taskTitle: focusTaskTitleSchema
    .nullable()
    .default(null)
    .transform((v) => v || null),
  mode: z.enum(['focus', 'pomodoro']),
  plannedMinutes: z.number().int().min(1).max(600),
  pomodoro: pomodoroSettingsSchema.strict().nullable().default(null),
  // The running timer belongs to /api/focus/*, which keeps one active session per user and
  // announces it on the timer channel; native clients upload sessions once they have ended.
  status: z.enum(['completed', 'abandoned'], 'Upload focus sessions once they are completed or abandoned'),
  startedAt: instant,
  pausedAt: nullableInstant,
  pausedTotalMs: z.number().int().min(0).default(0),
  endedAt: nullableInstant,
  focusMs: z.number().int().min(0).nullable().default(null),
  deviceId: text().max(100).nullable().default(null),
});

const moodEntryData = z.strictObject({
  score: moodScoreSchema,
  activityIds: activityIdsSchema.default([]),
  notes: moodNotesSchema.default(null).transform((v) => v || null),
  recordedAt: instant,
});

const activityData = z.strictObject({
  label: activityLabelSchema,
  color: colorSchema.nullable().default(null),
});

/** How deep an answer sheet may nest: it is stored as JSON, and JSON.stringify overflows the stack near 10,000 levels. */
export const MAX_PAYLOAD_DEPTH = 32;

/** Whether objects and arrays nest at most `max` levels, the value itself being the first; iterative, so any depth is safe to check. */
function nestsWithin(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [v, depth] = next;
    if (typeof v !== 'object' || v === null) continue;
    if (depth > max) return false;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return true;
}

const assessmentData = z.strictObject({
  /** A questionnaire kind; kinds this server does not define are stored and synced but not shown on the web. */
  kind: text().trim().min(1).max(50),
  /** The answer sheet. */
  payload: z.record(z.string(), z.unknown()).refine((p) => nestsWithin(p, MAX_PAYLOAD_DEPTH), `Nest the answer sheet at most ${MAX_PAYLOAD_DEPTH} levels deep`),
  score: z.number().int(),
  takenAt: instant,
});

const scheduleData = z.strictObject({
  assessmentKind: text().trim().min(1).max(50),
  cadence: z.enum(['daily', 'weekly', 'monthly']),
  nextDueAt: instant,
  enabled: z.boolean().default(true),
});

/** Every entity type a native client syncs, with the schema of its `data`. */
export const syncDataSchemas = {
  habits: habitData,
  habit_logs: habitLogData,
  books: bookData,
  reading_sessions: readingSessionData,
  quests: questData,
  planner_events: plannerEventData,
  focus_sessions: focusSessionData,
  mood_entries: moodEntryData,
  activities: activityData,
  assessments: assessmentData,
  schedules: scheduleData,
} as const;

export type SyncEntityType = keyof typeof syncDataSchemas;
export const SYNC_ENTITY_TYPES = Object.keys(syncDataSchemas) as SyncEntityType[];
export type SyncData<T extends SyncEntityType = SyncEntityType> = z.infer<(typeof syncDataSchemas)[T]>;

export function isSyncEntityType(value: unknown): value is SyncEntityType {
  return typeof value === 'string' && Object.hasOwn(syncDataSchemas, value);
}

export const MAX_UPLOAD_CHANGES = 500;
export const DEFAULT_DOWNLOAD_LIMIT = 500;
export const MAX_DOWNLOAD_LIMIT = 1000;

const cursor = z.number().int().min(0);

/** One change as a client uploads it; `data` is checked against its entity type's schema by the server. */
export const syncChangeSchema = z.strictObject({
  entityType: z.enum(SYNC_ENTITY_TYPES).describe('Which table the record belongs to.'),
  id: recordId.describe('The record id, made by whichever client created the record.'),
  data: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('The whole record (the `<EntityType>Data` schema of its type, e.g. `HabitLogsData`); null or ignored when `deleted`.'),
  updatedAt: instant.describe('When the client last changed the record (ms since the epoch, client clock): last write wins.'),
  deleted: z.boolean().describe('A soft delete: the record stays as a tombstone with `deletedAt` set.'),
});
export type SyncChangeInput = z.infer<typeof syncChangeSchema>;

/** POST /api/v1/sync/upload. `changes` is read loosely so that each change's problem can name its index. */
export const syncUploadSchema = z.strictObject({
  deviceId: recordId.describe('One of the caller’s registered devices (POST /api/devices).'),
  changes: z.array(z.unknown()).meta({ maxItems: MAX_UPLOAD_CHANGES, items: { $ref: '#/components/schemas/SyncChange' } }),
  clientCursor: cursor.optional().describe('The client’s download cursor; informational in v1.'),
});
export type SyncUploadInput = z.infer<typeof syncUploadSchema>;

/** A record as the server holds it (downloads and conflicts). Deleted records carry `data: null`. */
export const syncRecordSchema = z.object({
  entityType: z.enum(SYNC_ENTITY_TYPES),
  id: recordId,
  data: z.record(z.string(), z.unknown()).nullable().describe('The whole record (the `<EntityType>Data` schema of its type); null when deleted.'),
  updatedAt: instant,
  deleted: z.boolean(),
});
export type SyncRecord = z.infer<typeof syncRecordSchema>;

export const syncConflictSchema = z.object({
  entityType: z.enum(SYNC_ENTITY_TYPES),
  id: recordId.describe('The id of the change that was not applied.'),
  server: syncRecordSchema.describe(
    'What the server kept: store it in place of the change. When its id differs, the change duplicated another record’s unique fields (habit_logs: habitId and day): drop the local record and keep this one.',
  ),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const syncUploadResultSchema = z.object({
  serverCursor: cursor.describe(
    'The version the applied changes were stamped with (the current version when none were). Not a download cursor: keep your own.',
  ),
  applied: z.array(recordId).describe('Changes the server now holds, retried ones it already had included.'),
  conflicts: z.array(syncConflictSchema).describe('Changes that lost to a newer (or tie-winning) server version and were not applied.'),
});
export type SyncUploadResult = z.infer<typeof syncUploadResultSchema>;

export const syncDownloadQuerySchema = z.object({
  deviceId: recordId.describe('One of the caller’s registered devices.'),
  since: z.coerce.number().int().min(0).default(0).describe('The serverCursor of the previous download; 0 for everything.'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_DOWNLOAD_LIMIT)
    .default(DEFAULT_DOWNLOAD_LIMIT)
    .describe('Page size. A page never splits one write, so it may exceed the limit when one write touched more records.'),
});
export type SyncDownloadQuery = z.infer<typeof syncDownloadQuerySchema>;

export const syncDownloadChangeSchema = syncRecordSchema.extend({ serverVersion: cursor.describe('The write that last changed the record.') });
export type SyncDownloadChange = z.infer<typeof syncDownloadChangeSchema>;

export const syncDownloadResultSchema = z.object({
  serverCursor: cursor.describe('Pass as `since` next time: the last returned version, or the newest version when nothing is left.'),
  latestCursor: cursor.describe('The user’s newest version when this page was read; progress = (serverCursor − since) / (latestCursor − since).'),
  changes: z.array(syncDownloadChangeSchema).describe('In server-version order; deleted records included (as tombstones).'),
  hasMore: z.boolean().describe('Ask again with the new cursor.'),
});
export type SyncDownloadResult = z.infer<typeof syncDownloadResultSchema>;
