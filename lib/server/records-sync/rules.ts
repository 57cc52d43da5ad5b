import 'server-only';
import type { SyncEntityType } from '@/lib/shared/schemas/records-sync';
import { deleteReadingSessionsOf } from '@/lib/server/domains/books/service';
import type { ServiceContext, WriteScope } from '@/lib/server/platform/changes/write';
import { AppError, type Issue } from '@/lib/server/platform/errors';
import { assertNotAfterToday, deleteHabitLogsOf, todayOf } from '@/lib/server/domains/habits/service';
import { unknownActivities } from '@/lib/server/domains/mood/activities';

// The domain rules a native upload keeps (decision 008, amendment): what the web's own verbs do or
// refuse for the same records, with the helpers those verbs use. They apply to the versions an
// upload writes, never to a retry the server already holds, so a retry stays a retry.

type Data = Record<string, unknown>;

export interface EntityRules {
  /** The record follows this parent: while the server holds the parent as deleted, the record stays deleted. */
  parent?: { entityType: SyncEntityType; field: string };
  /** What the web's delete does besides the row; returns how many rows it changed. */
  onDelete?: (w: WriteScope, ctx: ServiceContext, id: string, at: number) => Promise<number>;
  /**
   * Refuses a written live version the web would refuse (a 400 AppError; `field` is named when it has
   * no issues). Runs once the whole batch is written, so a record may name one uploaded after it.
   */
  check?: { field: string; run: (w: WriteScope, ctx: ServiceContext, data: Data, before: Data | null) => Promise<void> };
}

const stringsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

export const ENTITY_RULES: Partial<Record<SyncEntityType, EntityRules>> = {
  books: { onDelete: deleteReadingSessionsOf },
  reading_sessions: { parent: { entityType: 'books', field: 'bookId' } },
  habits: { onDelete: deleteHabitLogsOf },
  habit_logs: {
    parent: { entityType: 'habits', field: 'habitId' },
    check: { field: 'day', run: async (w, ctx, data) => assertNotAfterToday(String(data.day), await todayOf(w.tx, ctx, w.now)) },
  },
  mood_entries: {
    check: {
      field: 'activityIds',
      // Only the activities this version adds: one deleted since (on any device) may stay named,
      // as the web keeps it on past entries.
      run: async (w, ctx, data, before) => {
        const ids = stringsIn(data.activityIds);
        const kept = new Set(stringsIn(before?.activityIds));
        const unknown = await unknownActivities(
          w.tx,
          ctx,
          ids.filter((id) => !kept.has(id)),
        );
        if (unknown.length > 0) {
          throw new AppError(
            'validation_failed',
            `names activities that are not yours: ${unknown.join(', ')}`,
            unknown.map((id) => ({ path: ['activityIds', ids.indexOf(id)], message: `No activity ${id}` })),
          );
        }
      },
    },
  },
};

/** Runs an entity's check; a refusal comes back as issues relative to the change's `data`, with a message. */
export async function checkRules(
  w: WriteScope,
  ctx: ServiceContext,
  type: SyncEntityType,
  data: Data,
  before: Data | null,
): Promise<{ message: string; issues: Issue[] } | null> {
  const check = ENTITY_RULES[type]?.check;
  if (!check) return null;
  try {
    await check.run(w, ctx, data, before);
    return null;
  } catch (err) {
    if (!(err instanceof AppError) || err.status !== 400) throw err;
    const issues = err.issues?.length ? err.issues : [{ path: [check.field], message: err.message }];
    return { message: `${check.field}: ${err.message}`, issues: issues.map((i) => ({ ...i, path: ['data', ...i.path] })) };
  }
}
