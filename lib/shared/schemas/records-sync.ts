import { z } from 'zod';

// Native record sync v1 (seed 002, DESIGN.md "Native clients"): one `data` schema per entity type,
// field names as the drizzle columns (camelCase) minus id, userId, serverVersion and timestamps.
// The server validates uploads with them, the reference client its local edits, and the
// OpenAPI document is generated from them.

/** Largest instant JavaScript can represent (ms), so every value round-trips through Date. */
const instant = z.number().int().min(0).max(8_640_000_000_000_000);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #3b82f6');
const recordId = z.guid('Use a UUID');
const localDay = z.iso.date('Use a date like 2026-03-18').refine((d) => d >= '1970-01-01', 'Use a date from 1970 on');
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => v || null);
const nullableInstant = instant.nullable().default(null);

const habitData = z.strictObject({
  name: z.string().trim().min(1).max(100),
  cadence: z.enum(['daily', 'weekly']),
  /** For weekly habits: how many days a week. */
  timesPerWeek: z.number().int().min(1).max(7).default(7),
  color: color.nullable().default(null),
  archivedAt: nullableInstant,
});

const habitLogData = z.strictObject({
  habitId: recordId,
  /** The user's local calendar day. */
  day: localDay,
});

const bookData = z.strictObject({
  title: z.string().trim().min(1).max(200),
  author: optionalText(200),
  totalPages: z.number().int().min(1).max(100_000),
  completedAt: nullableInstant,
});

const readingSessionData = z.strictObject({
  bookId: recordId,
  pages: z.number().int().min(0).max(10_000),
  minutes: z.number().int().min(0).max(1440),
  readAt: instant,
});

const questData = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    description: optionalText(2000),
    target: z.number().int().min(1).max(1_000_000),
    progress: z.number().int().min(0).max(1_000_000).default(0),
    xpReward: z.number().int().min(0).max(10_000),
    deadline: nullableInstant,
    completedAt: nullableInstant,
  })
  .refine((q) => q.progress <= q.target, { message: 'progress cannot exceed target', path: ['progress'] });

const plannerEventData = z
  .strictObject({
    title: z.string().trim().min(1).max(200),
    startsAt: instant,
    endsAt: instant,
    allDay: z.boolean().default(false),
    notes: optionalText(2000),
    color: color.nullable().default(null),
  })
  .refine((e) => e.endsAt > e.startsAt, { message: 'The end must be after the start', path: ['endsAt'] });

const pomodoroSettings = z.strictObject({
  focusMinutes: z.number().int().min(1).max(180),
  shortBreakMinutes: z.number().int().min(1).max(60),
  longBreakMinutes: z.number().int().min(1).max(120),
  cyclesBeforeLongBreak: z.number().int().min(1).max(12),
});

const focusSessionData = z.strictObject({
  taskTitle: optionalText(200),
  mode: z.enum(['focus', 'pomodoro']),
  plannedMinutes: z.number().int().min(1).max(600),
  pomodoro: pomodoroSettings.nullable().default(null),
  // The running timer belongs to /api/focus/*, which keeps one active session per user and
  // announces it on the timer channel; native clients upload sessions once they have ended.
  status: z.enum(['completed', 'abandoned'], 'Upload focus sessions once they are completed or abandoned'),
  startedAt: instant,
  pausedAt: nullableInstant,
  pausedTotalMs: z.number().int().min(0).default(0),
  endedAt: nullableInstant,
  focusMs: z.number().int().min(0).nullable().default(null),
  deviceId: z.string().max(100).nullable().default(null),
});

const moodEntryData = z.strictObject({
  score: z.number().int().min(1).max(10),
  activityIds: z
    .array(recordId)
    .max(20)
    .refine((ids) => new Set(ids).size === ids.length, 'Name each activity once')
    .default([]),
  notes: optionalText(2000),
  recordedAt: instant,
});

const activityData = z.strictObject({
  label: z.string().trim().min(1).max(50),
  color: color.nullable().default(null),
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
  kind: z.string().trim().min(1).max(50),
  /** The answer sheet. */
  payload: z.record(z.string(), z.unknown()).refine((p) => nestsWithin(p, MAX_PAYLOAD_DEPTH), `Nest the answer sheet at most ${MAX_PAYLOAD_DEPTH} levels deep`),
  score: z.number().int(),
  takenAt: instant,
});

const scheduleData = z.strictObject({
  assessmentKind: z.string().trim().min(1).max(50),
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
