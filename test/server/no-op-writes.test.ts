import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as listBooks, POST as createBook } from '@/app/api/books/route';
import { PATCH as patchBook } from '@/app/api/books/[id]/route';
import { PATCH as patchDevice } from '@/app/api/devices/[id]/route';
import { GET as listDevices, POST as registerDevice } from '@/app/api/devices/route';
import { GET as listHabits, POST as createHabit } from '@/app/api/habits/route';
import { PATCH as patchHabit } from '@/app/api/habits/[id]/route';
import { GET as getProfile, PATCH as patchProfile } from '@/app/api/me/route';
import { GET as listActivities, POST as createActivity } from '@/app/api/mood/activities/route';
import { PATCH as patchActivity } from '@/app/api/mood/activities/[id]/route';
import { GET as listEvents, POST as createEvent } from '@/app/api/planner/events/route';
import { PATCH as patchEvent } from '@/app/api/planner/events/[id]/route';
import { GET as listQuests, POST as createQuest } from '@/app/api/quests/route';
import { PATCH as patchQuest } from '@/app/api/quests/[id]/route';
import { POST as pushOps } from '@/app/api/sync/push/route';
import { GET as taskCounts } from '@/app/api/tasks/counts/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { TaskDocument } from '@/lib/shared/crdt';
import type { ChangeEvent } from '@/lib/shared/events';
import { call, createTestUser, versionsOf, type CallOptions, type TestUser } from './helpers';

// No change without a change (the restraint issue): a write that changes no row bumps no scope —
// so the GET's ETag stays and every poll keeps answering 304 — and publishes nothing, so no device
// is nudged over SSE or woken by a push.

const ORIGIN = { origin: 'http://localhost:3000' };
type Handler = Parameters<typeof call>[0];
const send = (handler: Handler, path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { cookie: user.cookie, headers: ORIGIN, ...options });

async function created(res: Promise<Response>): Promise<string> {
  const answer = await res;
  expect(answer.status, await answer.clone().text()).toBeLessThan(300);
  return (await answer.json()).id;
}

interface NoOpCase {
  write: string;
  /** Makes the record; returns its id. */
  make: (user: TestUser) => Promise<string>;
  /** The same write again, with the values the record already holds. */
  again: (user: TestUser, id: string) => Promise<Response>;
  /** The GET whose ETag must not move. */
  read: (user: TestUser) => Promise<Response>;
}

const DAY_START = Date.UTC(2026, 11, 7, 9);

const CASES: NoOpCase[] = [
  {
    write: 'PATCH /api/books/[id] with the same title',
    make: (u) => created(send(createBook, '/api/books', u, { method: 'POST', body: { title: 'Dune', totalPages: 412 } })),
    again: (u, id) => send(patchBook, `/api/books/${id}`, u, { method: 'PATCH', params: { id }, body: { title: 'Dune' } }),
    read: (u) => send(listBooks, '/api/books', u),
  },
  {
    write: 'PATCH /api/habits/[id] with the same name',
    make: (u) => created(send(createHabit, '/api/habits', u, { method: 'POST', body: { name: 'Stretch', cadence: 'daily' } })),
    again: (u, id) => send(patchHabit, `/api/habits/${id}`, u, { method: 'PATCH', params: { id }, body: { name: 'Stretch' } }),
    read: (u) => send(listHabits, '/api/habits', u),
  },
  {
    write: 'PATCH /api/quests/[id] with the same target',
    make: (u) => created(send(createQuest, '/api/quests', u, { method: 'POST', body: { title: 'Ship it', target: 3, xpReward: 50 } })),
    again: (u, id) => send(patchQuest, `/api/quests/${id}`, u, { method: 'PATCH', params: { id }, body: { target: 3 } }),
    read: (u) => send(listQuests, '/api/quests', u),
  },
  {
    write: 'PATCH /api/planner/events/[id] with the same title and times',
    make: (u) =>
      created(send(createEvent, '/api/planner/events', u, { method: 'POST', body: { title: 'Standup', startsAt: DAY_START, endsAt: DAY_START + 900_000 } })),
    again: (u, id) =>
      send(patchEvent, `/api/planner/events/${id}`, u, {
        method: 'PATCH',
        params: { id },
        body: { title: 'Standup', startsAt: DAY_START, endsAt: DAY_START + 900_000 },
      }),
    read: (u) => send(listEvents, `/api/planner/events?from=${DAY_START - 86_400_000}&to=${DAY_START + 86_400_000}`, u),
  },
  {
    write: 'PATCH /api/mood/activities/[id] with the same label',
    make: (u) => created(send(createActivity, '/api/mood/activities', u, { method: 'POST', body: { label: 'Gym' } })),
    again: (u, id) => send(patchActivity, `/api/mood/activities/${id}`, u, { method: 'PATCH', params: { id }, body: { label: 'Gym' } }),
    read: (u) => send(listActivities, '/api/mood/activities', u),
  },
  {
    write: 'PATCH /api/me with the same name',
    make: async (u) => {
      expect((await send(patchProfile, '/api/me', u, { method: 'PATCH', body: { name: 'Ada' } })).status).toBe(200);
      return u.id;
    },
    again: (u) => send(patchProfile, '/api/me', u, { method: 'PATCH', body: { name: 'Ada' } }),
    read: (u) => send(getProfile, '/api/me', u),
  },
  {
    write: 'PATCH /api/me with the same theme',
    make: async (u) => {
      const res = await send(patchProfile, '/api/me', u, { method: 'PATCH', body: { theme: 'dark' } });
      expect(res.status).toBe(200);
      expect((await res.json()).theme).toBe('dark');
      return u.id;
    },
    again: (u) => send(patchProfile, '/api/me', u, { method: 'PATCH', body: { theme: 'dark' } }),
    read: (u) => send(getProfile, '/api/me', u),
  },
  {
    write: 'PATCH /api/devices/[id] with the same label',
    make: (u) => created(send(registerDevice, '/api/devices', u, { method: 'POST', body: { label: 'Laptop', platform: 'web' } })),
    again: (u, id) => send(patchDevice, `/api/devices/${id}`, u, { method: 'PATCH', params: { id }, body: { label: 'Laptop' } }),
    read: (u) => send(listDevices, '/api/devices', u),
  },
];

async function eventsDuring(userId: string, run: () => Promise<unknown>): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  const off = getBus().subscribe(userId, (e) => events.push(e));
  try {
    await run();
  } finally {
    off();
  }
  return events;
}

describe('a write that changes nothing', () => {
  it.each(CASES.map((c) => [c.write, c] as const))('%s: 200, the ETag stays, nothing is published', async (_write, c) => {
    const user = await createTestUser();
    const id = await c.make(user);
    const etag = (await c.read(user)).headers.get('etag');
    const versions = await versionsOf(user.id, ['_seq', 'books', 'habits', 'quests', 'planner', 'mood', 'profile', 'devices', 'progress']);
    const events = await eventsDuring(user.id, async () => {
      const res = await c.again(user, id);
      expect(res.status, await res.clone().text()).toBe(200);
    });
    expect(events).toEqual([]);
    expect(await versionsOf(user.id, Object.keys(versions))).toEqual(versions);
    expect((await c.read(user)).headers.get('etag')).toBe(etag);
  });

  it('a re-sent op-log push whose ops are all duplicates: the counts keep their ETag and no tasks event goes out', async () => {
    const user = await createTestUser();
    const clientId = randomUUID();
    const doc = new TaskDocument({ actor: clientId });
    const list = doc.createList('Inbox');
    const task = doc.addTask(list.payload.listId, { title: 'Pay rent', dueDay: '2026-12-07' });
    const push = () => send(pushOps, '/api/sync/push', user, { method: 'POST', body: { clientId, ops: [list, task] } });
    expect((await (await push()).json()).accepted).toBe(2);
    const etag = (await send(taskCounts, '/api/tasks/counts', user)).headers.get('etag');
    const events = await eventsDuring(user.id, async () => {
      const again = await (await push()).json();
      expect(again).toMatchObject({ accepted: 0, duplicates: 2 });
    });
    expect(events).toEqual([]);
    expect((await send(taskCounts, '/api/tasks/counts', user)).headers.get('etag')).toBe(etag);
  });
});
