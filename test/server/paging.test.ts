import { describe, expect, it } from 'vitest';
import { GET as listBooks, POST as createBook } from '@/app/api/books/route';
import { POST as startFocus } from '@/app/api/focus/start/route';
import { GET as listSessions } from '@/app/api/focus/sessions/route';
import { POST as stopFocus } from '@/app/api/focus/stop/route';
import { GET as listAssessments, POST as takeAssessment } from '@/app/api/mood/assessments/route';
import { GET as listEntries, POST as createEntry } from '@/app/api/mood/entries/route';
import { GET as listEvents, POST as createEvent } from '@/app/api/planner/events/route';
import { GET as listQuests, POST as createQuest } from '@/app/api/quests/route';
import { call, createTestUser, type CallOptions, type TestUser } from './helpers';

// Lists say when they are cut (the restraint issue, item 14): a page that is not the last carries
// `Link: <…>; rel="next"`, following the links yields every record exactly once, and the last page
// has no link.

const ORIGIN = { origin: 'http://localhost:3000' };
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);
type Handler = Parameters<typeof call>[0];
const send = (handler: Handler, path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { cookie: user.cookie, headers: ORIGIN, ...options });

interface PagedList {
  list: string;
  read: Handler;
  /** The first page's URL (with `limit`). */
  url: string;
  make: (user: TestUser, i: number) => Promise<unknown>;
  /** The ids in one page's body. */
  ids: (body: unknown) => string[];
}

const idsOf = (items: { id: string }[]) => items.map((x) => x.id);
const made = async (res: Promise<Response>) => expect((await res).status).toBeLessThan(300);

const LISTS: PagedList[] = [
  {
    list: 'GET /api/books',
    read: listBooks,
    url: '/api/books?limit=2',
    make: (u, i) => made(send(createBook, '/api/books', u, { method: 'POST', body: { title: `Book ${i}`, totalPages: 10 } })),
    ids: (b) => idsOf((b as { books: { id: string }[] }).books),
  },
  {
    list: 'GET /api/quests',
    read: listQuests,
    url: '/api/quests?limit=2',
    make: (u, i) => made(send(createQuest, '/api/quests', u, { method: 'POST', body: { title: `Quest ${i}`, target: 2, xpReward: 5 } })),
    ids: (b) => idsOf((b as { quests: { id: string }[] }).quests),
  },
  {
    list: 'GET /api/planner/events',
    read: listEvents,
    url: `/api/planner/events?from=${T0 - DAY}&to=${T0 + 10 * DAY}&limit=2`,
    // Two events at the same start: the cursor keeps them apart.
    make: (u, i) =>
      made(
        send(createEvent, '/api/planner/events', u, {
          method: 'POST',
          body: { title: `Event ${i}`, startsAt: T0 + Math.floor(i / 2) * DAY, endsAt: T0 + Math.floor(i / 2) * DAY + 3600_000 },
        }),
      ),
    ids: (b) => idsOf(b as { id: string }[]),
  },
  {
    list: 'GET /api/mood/entries',
    read: listEntries,
    url: `/api/mood/entries?from=${T0 - DAY}&to=${T0 + 10 * DAY}&limit=2`,
    make: (u, i) => made(send(createEntry, '/api/mood/entries', u, { method: 'POST', body: { score: 5, recordedAt: T0 + i * 3600_000 } })),
    ids: (b) => idsOf(b as { id: string }[]),
  },
  {
    list: 'GET /api/mood/assessments',
    read: listAssessments,
    url: '/api/mood/assessments?limit=2',
    make: (u) => made(send(takeAssessment, '/api/mood/assessments', u, { method: 'POST', body: { kind: 'mood-check', answers: { interest: 1, down: 2 } } })),
    ids: (b) => idsOf(b as { id: string }[]),
  },
  {
    list: 'GET /api/focus/sessions',
    read: listSessions,
    url: `/api/focus/sessions?from=${Date.now() - DAY}&to=${Date.now() + DAY}&limit=2`,
    make: async (u) => {
      await made(send(startFocus, '/api/focus/start', u, { method: 'POST', body: { mode: 'focus', plannedMinutes: 25 } }));
      await made(send(stopFocus, '/api/focus/stop', u, { method: 'POST', body: { completed: true } }));
    },
    ids: (b) => idsOf(b as { id: string }[]),
  },
];

function nextOf(res: Response): string | null {
  const link = res.headers.get('link');
  if (!link) return null;
  const match = /^<([^>]+)>; rel="next"$/.exec(link);
  expect(match, `Link header ${link}`).not.toBeNull();
  return match![1];
}

describe('every list is paged with Link: rel="next"', () => {
  it.each(LISTS.map((l) => [l.list, l] as const))('%s: pages of 2 add up to every record once, the last page has no link', async (_list, l) => {
    const user = await createTestUser();
    for (let i = 0; i < 5; i++) await l.make(user, i);
    const seen: string[] = [];
    let url: string | null = l.url;
    let pages = 0;
    while (url) {
      const res = await send(l.read, url, user);
      expect(res.status, await res.clone().text()).toBe(200);
      const ids = l.ids(await res.json());
      expect(ids.length).toBeLessThanOrEqual(2);
      seen.push(...ids);
      url = nextOf(res);
      pages += 1;
      expect(pages).toBeLessThanOrEqual(3);
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    const whole = await send(l.read, l.url.replace('limit=2', 'limit=10'), user);
    expect(l.ids(await whole.json())).toEqual(seen);
    expect(whole.headers.get('link')).toBeNull();
  });

  it('refuses a cursor it did not send (400), and a limit over 1000', async () => {
    const user = await createTestUser();
    for (const cursor of ['nonsense', Buffer.from('[1]').toString('base64url'), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await send(listBooks, `/api/books?cursor=${cursor}`, user);
      expect(res.status).toBe(400);
      expect((await res.json()).error.issues[0].path).toEqual(['cursor']);
    }
    expect((await send(listBooks, '/api/books?limit=1001', user)).status).toBe(400);
  });
});
