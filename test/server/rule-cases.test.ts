import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as listBooksRoute, POST as createBookRoute } from '@/app/api/books/route';
import { DELETE as deleteBookRoute } from '@/app/api/books/[id]/route';
import { POST as logReadingRoute } from '@/app/api/books/[id]/sessions/route';
import { POST as registerDeviceRoute } from '@/app/api/devices/route';
import { POST as createHabitRoute } from '@/app/api/habits/route';
import { DELETE as deleteHabitRoute } from '@/app/api/habits/[id]/route';
import { POST as logHabitRoute } from '@/app/api/habits/[id]/log/route';
import { POST as createActivityRoute } from '@/app/api/mood/activities/route';
import { DELETE as deleteActivityRoute } from '@/app/api/mood/activities/[id]/route';
import { POST as createEntryRoute } from '@/app/api/mood/entries/route';
import { POST as createEventRoute } from '@/app/api/planner/events/route';
import { GET as downloadRoute } from '@/app/api/v1/sync/download/route';
import { POST as uploadRoute } from '@/app/api/v1/sync/upload/route';
import { getClient } from '@/lib/server/platform/db/client';
import { addDays, localDay } from '@/lib/shared/days';
import type { SyncDownloadResult } from '@/lib/shared/schemas/records-sync';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser } from './helpers';

// One rule set for both doors of a write (issue 14): every rule of a synced record, run once through
// the web's REST routes and once through a native client's /api/v1/sync/upload, each on a fresh
// account. A rule that holds on one door and not the other fails here.

const ORIGIN = { origin: 'http://localhost:3000' };
const DAY = 86_400_000;

type Handler = Parameters<typeof call>[0];
type Change = { entityType: string; id: string; data: Record<string, unknown> | null; updatedAt: number; deleted: boolean };
type Ids = Record<string, string>;

interface Door {
  user: TestUser;
  deviceId: string;
}

/** What the case expects of both doors. */
type Outcome =
  /** Refused (4xx), and nothing in the database changed. */
  | { refused: true }
  /** Whatever each door answers, this holds afterwards. */
  | { holds: (door: Door, ids: Ids) => Promise<void> };

interface RuleCase {
  rule: string;
  /** Records the case needs, made through the web: `other` is another account. */
  setup?: (door: Door, other: Door) => Promise<Ids>;
  web: (door: Door, ids: Ids) => Promise<Response>;
  native: (ids: Ids) => Change[];
  outcome: Outcome;
}

const send = (handler: Handler, path: string, door: Door, options: CallOptions = {}) =>
  call(handler, path, { cookie: door.user.cookie, headers: { ...ORIGIN, 'x-device-id': door.deviceId }, ...options });

async function made(res: Promise<Response>): Promise<string> {
  const answer = await res;
  expect(answer.status, await answer.clone().text()).toBeLessThan(300);
  const body = await answer.json();
  return body.id ?? body.session?.id;
}

const makeBook = (door: Door, title = 'Dune') => made(send(createBookRoute, '/api/books', door, { method: 'POST', body: { title, totalPages: 400 } }));
const makeHabit = (door: Door) => made(send(createHabitRoute, '/api/habits', door, { method: 'POST', body: { name: 'Stretch', cadence: 'daily' } }));
const makeActivity = (door: Door) =>
  made(send(createActivityRoute, '/api/mood/activities', door, { method: 'POST', body: { label: `Gym ${randomUUID().slice(0, 6)}` } }));
const logReading = (door: Door, bookId: string, body: Record<string, unknown> = { pages: 10, minutes: 15 }) =>
  send(logReadingRoute, `/api/books/${bookId}/sessions`, door, { method: 'POST', body, params: { id: bookId } });
const deleteBook = (door: Door, id: string) => send(deleteBookRoute, `/api/books/${id}`, door, { method: 'DELETE', params: { id } });
const deleteHabit = (door: Door, id: string) => send(deleteHabitRoute, `/api/habits/${id}`, door, { method: 'DELETE', params: { id } });
const logHabit = (door: Door, id: string, body: Record<string, unknown> = {}) =>
  send(logHabitRoute, `/api/habits/${id}/log`, door, { method: 'POST', body, params: { id } });

const now = () => Date.now();
const live = (entityType: string, id: string, data: Record<string, unknown>): Change => ({ entityType, id, data, updatedAt: now(), deleted: false });
const tombstone = (entityType: string, id: string): Change => ({ entityType, id, data: null, updatedAt: now(), deleted: true });
const session = (bookId: string, pages = 10, minutes = 15) => live('reading_sessions', randomUUID(), { bookId, pages, minutes, readAt: now() });
const today = () => localDay(now(), 'UTC');

async function liveRows(table: string, userId: string, where = ''): Promise<number> {
  const { rows } = await getClient().execute({ sql: `SELECT count(*) AS n FROM ${table} WHERE user_id = ? AND deleted_at IS NULL ${where}`, args: [userId] });
  return Number(rows[0].n);
}

const CASES: RuleCase[] = [
  {
    rule: "a reading session belongs to a book of the caller's, not another account's",
    setup: async (_door, other) => ({ book: await makeBook(other) }),
    web: (door, { book }) => logReading(door, book),
    native: ({ book }) => [session(book)],
    outcome: { refused: true },
  },
  {
    rule: 'a reading session belongs to a book that exists',
    setup: async () => ({ book: randomUUID() }),
    web: (door, { book }) => logReading(door, book),
    native: ({ book }) => [session(book)],
    outcome: { refused: true },
  },
  {
    rule: 'a reading session logs some pages or some minutes',
    setup: async (door) => ({ book: await makeBook(door) }),
    web: (door, { book }) => logReading(door, book, { pages: 0, minutes: 0 }),
    native: ({ book }) => [session(book, 0, 0)],
    outcome: { refused: true },
  },
  {
    rule: 'a deleted book takes no live reading session',
    setup: async (door) => {
      const book = await makeBook(door);
      expect((await deleteBook(door, book)).status).toBe(200);
      return { book };
    },
    web: (door, { book }) => logReading(door, book),
    native: ({ book }) => [session(book)],
    outcome: { holds: async (door) => expect(await liveRows('reading_sessions', door.user.id)).toBe(0) },
  },
  {
    rule: "a habit log belongs to a habit of the caller's",
    setup: async (_door, other) => ({ habit: await makeHabit(other) }),
    web: (door, { habit }) => logHabit(door, habit),
    native: ({ habit }) => [live('habit_logs', randomUUID(), { habitId: habit, day: today() })],
    outcome: { refused: true },
  },
  {
    rule: "a habit is never logged ahead of the user's today",
    setup: async (door) => ({ habit: await makeHabit(door) }),
    web: (door, { habit }) => logHabit(door, habit, { day: addDays(today(), 2) }),
    native: ({ habit }) => [live('habit_logs', randomUUID(), { habitId: habit, day: addDays(today(), 2) })],
    outcome: { refused: true },
  },
  {
    rule: 'a habit has one log a day',
    setup: async (door) => {
      const habit = await makeHabit(door);
      expect((await logHabit(door, habit)).status).toBe(200);
      return { habit };
    },
    web: (door, { habit }) => logHabit(door, habit),
    native: ({ habit }) => [live('habit_logs', randomUUID(), { habitId: habit, day: today() })],
    outcome: { holds: async (door) => expect(await liveRows('habit_logs', door.user.id)).toBe(1) },
  },
  {
    rule: "a mood entry names only the caller's activities",
    setup: async (_door, other) => ({ activity: await makeActivity(other) }),
    web: (door, { activity }) => send(createEntryRoute, '/api/mood/entries', door, { method: 'POST', body: { score: 6, activityIds: [activity] } }),
    native: ({ activity }) => [live('mood_entries', randomUUID(), { score: 6, activityIds: [activity], recordedAt: now() })],
    outcome: { refused: true },
  },
  {
    rule: 'a new mood entry names no deleted activity',
    setup: async (door) => {
      const activity = await makeActivity(door);
      expect((await send(deleteActivityRoute, `/api/mood/activities/${activity}`, door, { method: 'DELETE', params: { id: activity } })).status).toBe(200);
      return { activity };
    },
    web: (door, { activity }) => send(createEntryRoute, '/api/mood/entries', door, { method: 'POST', body: { score: 6, activityIds: [activity] } }),
    native: ({ activity }) => [live('mood_entries', randomUUID(), { score: 6, activityIds: [activity], recordedAt: now() })],
    outcome: { refused: true },
  },
  {
    rule: 'two live activities never share a label, case aside',
    setup: async (door) => {
      const res = await send(createActivityRoute, '/api/mood/activities', door, { method: 'POST', body: { label: 'Walk' } });
      expect(res.status).toBe(200);
      return {};
    },
    web: (door) => send(createActivityRoute, '/api/mood/activities', door, { method: 'POST', body: { label: 'walk' } }),
    native: () => [live('activities', randomUUID(), { label: 'walk', color: null })],
    outcome: { refused: true },
  },
  {
    rule: 'a book title has at most 200 characters',
    web: (door) => send(createBookRoute, '/api/books', door, { method: 'POST', body: { title: 'x'.repeat(201), totalPages: 10 } }),
    native: () => [live('books', randomUUID(), { title: 'x'.repeat(201), totalPages: 10 })],
    outcome: { refused: true },
  },
  {
    rule: 'text holds no NUL character',
    web: (door) => send(createHabitRoute, '/api/habits', door, { method: 'POST', body: { name: 'Run\u0000hidden', cadence: 'daily' } }),
    native: () => [live('habits', randomUUID(), { name: 'Run\u0000hidden', cadence: 'daily' })],
    outcome: { refused: true },
  },
  {
    rule: 'text holds no lone surrogate',
    web: (door) => send(createBookRoute, '/api/books', door, { method: 'POST', body: { title: 'Half \uD800 a pair', totalPages: 10 } }),
    native: () => [live('books', randomUUID(), { title: 'Half \uD800 a pair', totalPages: 10 })],
    outcome: { refused: true },
  },
  {
    rule: 'an event ends after it starts',
    web: (door) => send(createEventRoute, '/api/planner/events', door, { method: 'POST', body: { title: 'Standup', startsAt: now(), endsAt: now() - 1 } }),
    native: () => [live('planner_events', randomUUID(), { title: 'Standup', startsAt: now(), endsAt: now() - 1 })],
    outcome: { refused: true },
  },
  {
    rule: 'an event lasts at most a year',
    web: (door) => send(createEventRoute, '/api/planner/events', door, { method: 'POST', body: { title: 'Trip', startsAt: 0, endsAt: 400 * DAY } }),
    native: () => [live('planner_events', randomUUID(), { title: 'Trip', startsAt: 0, endsAt: 400 * DAY })],
    outcome: { refused: true },
  },
  {
    rule: 'deleting a book deletes its reading sessions, and native clients download both tombstones',
    setup: async (door) => {
      const book = await makeBook(door);
      const logged = await (await logReading(door, book)).json();
      return { book, session: logged.session.id };
    },
    web: (door, { book }) => deleteBook(door, book),
    native: ({ book }) => [tombstone('books', book)],
    outcome: {
      holds: async (door, { book, session: sessionId }) => {
        expect(await liveRows('reading_sessions', door.user.id)).toBe(0);
        const listed = await (await send(listBooksRoute, '/api/books', door)).json();
        expect(listed.books).toEqual([]);
        const res = await send(downloadRoute, `/api/v1/sync/download?deviceId=${door.deviceId}&since=0`, door);
        const { changes } = (await res.json()) as SyncDownloadResult;
        expect(
          changes
            .filter((c) => c.deleted)
            .map((c) => c.id)
            .sort(),
        ).toEqual([book, sessionId].sort());
      },
    },
  },
  {
    rule: 'deleting a habit deletes its logs',
    setup: async (door) => {
      const habit = await makeHabit(door);
      expect((await logHabit(door, habit)).status).toBe(200);
      return { habit };
    },
    web: (door, { habit }) => deleteHabit(door, habit),
    native: ({ habit }) => [tombstone('habits', habit)],
    outcome: { holds: async (door) => expect(await liveRows('habit_logs', door.user.id)).toBe(0) },
  },
];

async function door(): Promise<Door> {
  const user = await createTestUser();
  const res = await call(registerDeviceRoute, '/api/devices', {
    method: 'POST',
    cookie: user.cookie,
    headers: ORIGIN,
    body: { label: 'Rule cases', platform: 'cli' },
  });
  return { user, deviceId: (await res.json()).id };
}

const doors = {
  web: (d: Door, c: RuleCase, ids: Ids) => c.web(d, ids),
  native: (d: Door, c: RuleCase, ids: Ids) =>
    send(uploadRoute, '/api/v1/sync/upload', d, { method: 'POST', body: { deviceId: d.deviceId, changes: c.native(ids) } }),
};

describe.each(Object.keys(doors) as (keyof typeof doors)[])('the %s door', (name) => {
  it.each(CASES.map((c) => [c.rule, c] as const))('%s', async (_rule, c) => {
    const [mine, other] = [await door(), await door()];
    const ids = (await c.setup?.(mine, other)) ?? {};
    const before = await snapshotDb();
    const res = await doors[name](mine, c, ids);
    if ('refused' in c.outcome) {
      expect(res.status, await res.clone().text()).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(await snapshotDb()).toBe(before);
    } else {
      expect(res.status, await res.clone().text()).toBeLessThan(500);
      await c.outcome.holds(mine, ids);
    }
  });
});
