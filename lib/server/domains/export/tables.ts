import 'server-only';
import { eq, isNull } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { apiKeys, sessions, users } from '@/lib/server/platform/auth/schema';
import { getDb } from '@/lib/server/platform/db/client';
import { books, readingSessions } from '@/lib/server/domains/books/schema';
import { devices } from '@/lib/server/domains/devices/schema';
import { focusSessions } from '@/lib/server/domains/focus/schema';
import { habitLogs, habits } from '@/lib/server/domains/habits/schema';
import { activities, assessments, moodEntries, schedules } from '@/lib/server/domains/mood/schema';
import { dailyPlans, planItems } from '@/lib/server/domains/plan/schema';
import { plannerEvents } from '@/lib/server/domains/planner/schema';
import { deviceTokens } from '@/lib/server/domains/push-tokens/schema';
import { quests } from '@/lib/server/domains/quests/schema';
import { taskLists } from '@/lib/server/domains/tasks/service';
import { termsAcceptances } from '@/lib/server/domains/terms/schema';
import type { ListView } from '@/lib/shared/crdt';
import type { CellValue } from './csv';
import { keysetPages, syncedPages } from './pages';

// What the export holds: one JSON file per domain, each made of named tables, and a CSV file for the
// tables a spreadsheet user would open. Columns are chosen one by one, so a secret (password hash,
// key hash, whole push token) cannot slip in when a table grows a column. README.txt is written from this.

export interface Column<R> {
  name: string;
  value: (row: R) => CellValue;
}

export interface ExportTable<R> {
  /** Its name in the domain's JSON file. */
  key: string;
  /** Its file under csv/, when a spreadsheet user would open it. */
  csv?: string;
  /** One line of README.txt. */
  about: string;
  /** A single record (the profile): a JSON object rather than a list. */
  single?: true;
  columns: readonly Column<R>[];
  /** The user's rows, a page at a time. */
  pages: (userId: string, pageSize: number) => AsyncIterable<R[]>;
}

export interface ExportDomain {
  /** Its file under json/. */
  json: string;
  about: string;
  tables: readonly ExportTable<never>[];
}

// Every millisecond timestamp column is named …At (or `deadline`); the export writes them as ISO 8601 UTC.
const TIME = /At$|^deadline$/;
const iso = (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);

function columns<R>(...names: (keyof R & string)[]): Column<R>[] {
  return names.map((name) => ({ name, value: TIME.test(name) ? (row: R) => iso(row[name]) : (row: R) => (row[name] ?? null) as CellValue }));
}

/** A table typed by its rows, stored among the others. */
const table = <R>(t: ExportTable<R>) => t as unknown as ExportTable<never>;

type Named = Pick<ExportTable<never>, 'key' | 'csv' | 'about'>;

/** A synced table's live records with the chosen columns, in the order of their last change. */
function synced<T extends SQLiteTable & { deletedAt: SQLiteColumn }>(from: T, named: Named, names: (keyof T['$inferSelect'] & string)[]) {
  return table<T['$inferSelect']>({ ...named, columns: columns(...names), pages: (userId, size) => syncedPages(from, userId, size) });
}

/** One JSON file of the export. */
const domain = (json: string, about: string, tables: ExportTable<never>[]): ExportDomain => ({ json, about, tables });

/** A push token shows only its start: enough to recognise it, not to push to it. */
export const shortToken = (token: string) => `${token.slice(0, 8)}…`;

async function* once<R>(load: () => Promise<R[]>): AsyncGenerator<R[]> {
  const rows = await load();
  if (rows.length > 0) yield rows;
}

interface TaskRow {
  id: string;
  listId: string;
  list: string;
  order: number;
  title: string;
  notes: string;
  dueDay: string | null;
  completed: boolean;
}

/** The tasks as they stand (the lists' materialised state, never the raw ops), a list at a time. */
async function* taskPages(userId: string): AsyncGenerator<TaskRow[]> {
  for (const list of await taskLists({ userId })) {
    const rows = list.tasks.map((t, i) => ({
      id: t.id,
      listId: list.id,
      list: list.name,
      order: i + 1,
      title: t.title,
      notes: t.notes,
      dueDay: t.dueDay,
      completed: t.completed,
    }));
    if (rows.length > 0) yield rows;
  }
}

export const EXPORT_DOMAINS: readonly ExportDomain[] = [
  domain('account.json', 'your profile, the versions of the terms you accepted, and your browser sign-ins', [
    table({
      key: 'profile',
      single: true,
      about: 'your name, email, role and time zone',
      columns: columns<typeof users.$inferSelect>('id', 'email', 'name', 'role', 'timezone', 'createdAt', 'updatedAt'),
      pages: (userId) => once(() => getDb().select().from(users).where(eq(users.id, userId))),
    }),
    table({
      key: 'termsAccepted',
      about: 'each version of the terms you accepted, and when',
      columns: columns<typeof termsAcceptances.$inferSelect>('version', 'acceptedAt'),
      pages: (userId, size) => keysetPages(termsAcceptances, userId, ['version'], size),
    }),
    table({
      key: 'signIns',
      about: 'your browser sign-ins: the browser, when it signed in, was last seen, and signed out',
      columns: columns<typeof sessions.$inferSelect>('userAgent', 'createdAt', 'lastSeenAt', 'revokedAt'),
      pages: (userId, size) => keysetPages(sessions, userId, ['id'], size),
    }),
  ]),
  domain('tasks.json', 'your task lists and tasks as they stand now (not the history of edits)', [
    table({
      key: 'lists',
      csv: 'task-lists.csv',
      about: 'one row per task list; archived lists are flagged',
      columns: [...columns<ListView>('id', 'name', 'archived'), { name: 'tasks', value: (l: ListView) => l.tasks.length }],
      pages: (userId) => once(() => taskLists({ userId })),
    }),
    table({
      key: 'tasks',
      csv: 'tasks.csv',
      about: 'one row per task, in list order: its list, title, notes, due day and whether it is done',
      columns: columns<TaskRow>('id', 'listId', 'list', 'order', 'title', 'notes', 'dueDay', 'completed'),
      pages: (userId) => taskPages(userId),
    }),
  ]),
  domain('focus.json', 'your focus sessions', [
    synced(
      focusSessions,
      { key: 'focusSessions', csv: 'focus-sessions.csv', about: 'one row per focus session: mode, planned minutes, status, start and end, time focused (ms)' },
      [
        'id',
        'taskTitle',
        'mode',
        'plannedMinutes',
        'pomodoro',
        'status',
        'startedAt',
        'pausedAt',
        'pausedTotalMs',
        'endedAt',
        'focusMs',
        'deviceId',
        'createdAt',
        'updatedAt',
      ],
    ),
  ]),
  domain('plan.json', 'your daily plans (Today) and their items', [
    synced(dailyPlans, { key: 'dailyPlans', csv: 'daily-plans.csv', about: 'one row per planned day, with its focus goal in minutes' }, [
      'id',
      'day',
      'focusGoalMinutes',
      'createdAt',
      'updatedAt',
    ]),
    synced(
      planItems,
      { key: 'planItems', csv: 'plan-items.csv', about: 'one row per item of a daily plan (planId): its kind, title, position and when it was done' },
      ['id', 'planId', 'kind', 'refId', 'title', 'position', 'completedAt', 'createdAt', 'updatedAt'],
    ),
  ]),
  domain('planner.json', 'your planner (calendar) events', [
    synced(plannerEvents, { key: 'events', csv: 'planner-events.csv', about: 'one row per planner event: title, start, end, all day, notes' }, [
      'id',
      'title',
      'startsAt',
      'endsAt',
      'allDay',
      'notes',
      'color',
      'createdAt',
      'updatedAt',
    ]),
  ]),
  domain('quests.json', 'your quests', [
    synced(quests, { key: 'quests', csv: 'quests.csv', about: 'one row per quest: target, progress, XP reward, deadline, completion' }, [
      'id',
      'title',
      'description',
      'target',
      'progress',
      'xpReward',
      'deadline',
      'completedAt',
      'createdAt',
      'updatedAt',
    ]),
  ]),
  domain('habits.json', 'your habits and the days you logged them', [
    synced(habits, { key: 'habits', csv: 'habits.csv', about: 'one row per habit: cadence, times per week, archived' }, [
      'id',
      'name',
      'cadence',
      'timesPerWeek',
      'color',
      'archivedAt',
      'createdAt',
      'updatedAt',
    ]),
    synced(habitLogs, { key: 'habitLogs', csv: 'habit-logs.csv', about: 'one row per day a habit (habitId) was done, the day in your time zone' }, [
      'id',
      'habitId',
      'day',
      'createdAt',
    ]),
  ]),
  domain('books.json', 'your books and reading sessions', [
    synced(books, { key: 'books', csv: 'books.csv', about: 'one row per book: author, pages, when finished' }, [
      'id',
      'title',
      'author',
      'totalPages',
      'completedAt',
      'createdAt',
      'updatedAt',
    ]),
    synced(
      readingSessions,
      { key: 'readingSessions', csv: 'reading-sessions.csv', about: 'one row per reading session of a book (bookId): pages, minutes, when' },
      ['id', 'bookId', 'pages', 'minutes', 'readAt', 'createdAt', 'updatedAt'],
    ),
  ]),
  domain('mood.json', 'your mood entries, activities, check-ins and check-in schedules', [
    synced(
      moodEntries,
      { key: 'moodEntries', csv: 'mood-entries.csv', about: 'one row per mood entry: score, activities (ids, "; " between them), notes, when' },
      ['id', 'score', 'activityIds', 'notes', 'recordedAt', 'createdAt', 'updatedAt'],
    ),
    synced(activities, { key: 'activities', csv: 'activities.csv', about: 'one row per activity you tag mood entries with' }, [
      'id',
      'label',
      'color',
      'createdAt',
      'updatedAt',
    ]),
    synced(assessments, { key: 'checkins', csv: 'checkins.csv', about: 'one row per check-in taken: its kind, score, answers (as JSON) and when' }, [
      'id',
      'kind',
      'score',
      'payload',
      'takenAt',
      'createdAt',
    ]),
    synced(schedules, { key: 'checkinSchedules', csv: 'checkin-schedules.csv', about: 'one row per check-in schedule: kind, cadence, next due, enabled' }, [
      'id',
      'assessmentKind',
      'cadence',
      'nextDueAt',
      'enabled',
      'createdAt',
      'updatedAt',
    ]),
  ]),
  domain('devices.json', 'the devices and apps that sync with your account', [
    table({
      key: 'devices',
      csv: 'devices.csv',
      about: 'one row per registered device: name, platform, last seen',
      columns: columns<typeof devices.$inferSelect>('id', 'label', 'platform', 'createdAt', 'lastSeenAt'),
      pages: (userId, size) => keysetPages(devices, userId, ['id'], size, isNull(devices.deletedAt)),
    }),
    table({
      key: 'apiKeys',
      csv: 'api-keys.csv',
      about: 'one row per API key: its label and the prefix you see in Settings, never the key itself',
      columns: columns<typeof apiKeys.$inferSelect>('id', 'label', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt'),
      pages: (userId, size) => keysetPages(apiKeys, userId, ['id'], size),
    }),
    table({
      key: 'deviceTokens',
      csv: 'device-tokens.csv',
      about: 'one row per push token of an Apple device, shortened to its first 8 characters',
      columns: [
        ...columns<typeof deviceTokens.$inferSelect>('id'),
        { name: 'token', value: (t: typeof deviceTokens.$inferSelect) => shortToken(t.token) },
        ...columns<typeof deviceTokens.$inferSelect>('platform', 'environment', 'registeredAt', 'disabledAt', 'disabledReason', 'lastPushAt'),
      ],
      pages: (userId, size) => keysetPages(deviceTokens, userId, ['id'], size),
    }),
  ]),
];
