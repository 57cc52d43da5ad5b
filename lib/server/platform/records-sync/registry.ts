import 'server-only';
import type { z } from 'zod';
import type { Scope } from '@/lib/shared/events';
import { syncDataSchemas, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import { activities, assessments, moodEntries, schedules } from '@/lib/server/domains/mood/schema';
import { books, readingSessions } from '@/lib/server/domains/books/schema';
import { focusSessions } from '@/lib/server/domains/focus/schema';
import { habitLogs, habits } from '@/lib/server/domains/habits/schema';
import { plannerEvents } from '@/lib/server/domains/planner/schema';
import { quests } from '@/lib/server/domains/quests/schema';

type SyncedTable =
  | typeof habits
  | typeof habitLogs
  | typeof books
  | typeof readingSessions
  | typeof quests
  | typeof plannerEvents
  | typeof focusSessions
  | typeof moodEntries
  | typeof activities
  | typeof assessments
  | typeof schedules;

type Meta = 'id' | 'userId' | 'serverVersion' | 'createdAt' | 'updatedAt' | 'deletedAt';
/** A row's `data`: every column but the sync metadata. */
type DataOf<T extends SyncedTable> = Omit<T['$inferSelect'], Meta>;
/** The same keys, and every value the schema lets through fits its column (it may be narrower). */
type Fits<Out, Data> = [Out] extends [Data] ? ([keyof Data] extends [keyof Out] ? ([keyof Out] extends [keyof Data] ? true : false) : false) : false;

export interface SyncEntity {
  type: SyncEntityType;
  table: SyncedTable;
  /** The scopes a web write of this table bumps; a native upload bumps the same ones. */
  scopes: readonly [Scope, ...Scope[]];
  schema: z.ZodType<Record<string, unknown>>;
  /** The keys of `data`, in the schema's order. */
  dataKeys: string[];
  /** Columns that are unique per user besides the id (habit_logs: one log per habit and day). */
  naturalKey?: readonly string[];
}

/**
 * Type-checks one entry: the schema's output must have exactly the table's columns minus the sync
 * metadata, so a column added to a domain's schema.ts without its `data` field fails to compile.
 */
function entity<K extends SyncEntityType, T extends SyncedTable>(
  type: K,
  table: T,
  scopes: readonly [Scope, ...Scope[]],
  ...rest: Fits<z.output<(typeof syncDataSchemas)[K]>, DataOf<T>> extends true ? [naturalKey?: readonly (keyof DataOf<T> & string)[]] : [schemaMismatch: never]
): SyncEntity {
  const schema = syncDataSchemas[type];
  return { type, table, scopes, schema: schema as unknown as z.ZodType<Record<string, unknown>>, dataKeys: Object.keys(schema.shape), naturalKey: rest[0] };
}

export const SYNC_ENTITIES: Readonly<Record<SyncEntityType, SyncEntity>> = {
  habits: entity('habits', habits, ['habits', 'progress']),
  habit_logs: entity('habit_logs', habitLogs, ['habits', 'progress'], ['habitId', 'day']),
  books: entity('books', books, ['books', 'progress']),
  reading_sessions: entity('reading_sessions', readingSessions, ['books', 'progress']),
  quests: entity('quests', quests, ['quests', 'progress']),
  planner_events: entity('planner_events', plannerEvents, ['planner']),
  focus_sessions: entity('focus_sessions', focusSessions, ['focus', 'progress']),
  mood_entries: entity('mood_entries', moodEntries, ['mood']),
  activities: entity('activities', activities, ['mood']),
  assessments: entity('assessments', assessments, ['mood']),
  schedules: entity('schedules', schedules, ['mood']),
};

/** Every scope a synced table can touch: downloads depend on all of them. */
export const SYNC_SCOPES = [...new Set(Object.values(SYNC_ENTITIES).flatMap((e) => e.scopes))] as Scope[];

/** The union of the entities' scopes, in a stable order, for one writeChange. */
export function scopesOf(types: Iterable<SyncEntityType>): [Scope, ...Scope[]] {
  const wanted = new Set([...types].flatMap((t) => SYNC_ENTITIES[t].scopes));
  const scopes = SYNC_SCOPES.filter((s) => wanted.has(s));
  if (scopes.length === 0) throw new Error('scopesOf needs at least one entity type');
  return scopes as [Scope, ...Scope[]];
}

/** A row's `data`, as uploads carry it. */
export function dataOf(entity: SyncEntity, row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(entity.dataKeys.map((k) => [k, row[k]]));
}
