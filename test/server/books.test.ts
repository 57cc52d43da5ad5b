import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { POST as complete } from '@/app/api/books/[id]/complete/route';
import { POST as reopen } from '@/app/api/books/[id]/reopen/route';
import { DELETE as remove, PATCH as patch } from '@/app/api/books/[id]/route';
import { POST as logSession } from '@/app/api/books/[id]/sessions/route';
import { GET as list, POST as create } from '@/app/api/books/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import type { ChangeEvent } from '@/lib/shared/events';
import type { Book, BookList, ReadingSessionLogged } from '@/lib/shared/schemas/books';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

type Handler = Parameters<typeof call>[0];
type Case = [label: string, status: number, code: string, options: CallOptions];

// Wednesday 18 March 2026, 20:00 UTC: already the 19th on Kiritimati (UTC+14).
const NOW = Date.UTC(2026, 2, 18, 20);
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const json = { 'content-type': 'application/json' };

afterEach(() => {
  vi.useRealTimers();
});

/** Moves the server clock only; timers and I/O keep running for real. */
function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

const send = (handler: Handler, method: string, path: string, user: TestUser, options: CallOptions = {}) =>
  call(handler, path, { method, cookie: user.cookie, ...options });

const atBook = (handler: Handler, method: string, id: string, action: string, user: TestUser, options: CallOptions = {}) =>
  send(handler, method, `/api/books/${id}${action}`, user, { params: { id }, ...options });

async function createBook(user: TestUser, body: Record<string, unknown> = {}): Promise<Book> {
  const res = await send(create, 'POST', '/api/books', user, { body: { title: 'Dune', author: 'Frank Herbert', totalPages: 400, ...body } });
  expect(res.status).toBe(201);
  return res.json();
}

async function booksOf(user: TestUser): Promise<BookList> {
  const res = await call(list, '/api/books', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function read(user: TestUser, id: string, body: Record<string, unknown>): Promise<ReadingSessionLogged> {
  const res = await atBook(logSession, 'POST', id, '/sessions', user, { body });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

async function sessionRows(bookId: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM reading_sessions WHERE book_id = ? ORDER BY read_at', args: [bookId] });
  return rows;
}

const bodyClasses = (valid: Record<string, unknown>): Case[] => [
  ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
  ['no content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid) }],
  ['malformed JSON', 400, 'invalid_json', { raw: '{"title": ', headers: json }],
  ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, title: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
  ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ['null', 400, 'validation_failed', { body: null }],
];

describe('a book from adding to finishing', () => {
  it('adds a book, logs reading, completes, reopens, edits and deletes it', async () => {
    setServerTime(NOW);
    const user = await createTestUser();
    const book = await createBook(user, { title: '  Dune  ', author: '  ' });
    expect(book).toMatchObject({
      title: 'Dune',
      author: null,
      totalPages: 400,
      completedAt: null,
      pagesRead: 0,
      progressPercent: 0,
      minutesRead: 0,
      sessionCount: 0,
      lastReadAt: null,
    });
    expect(await booksOf(user)).toEqual({ books: [book] });

    const first = await read(user, book.id, { pages: 30, minutes: 45 });
    expect(first.session).toMatchObject({ bookId: book.id, pages: 30, minutes: 45, readAt: NOW });
    expect(first.book).toMatchObject({ pagesRead: 30, progressPercent: 7, minutesRead: 45, sessionCount: 1, lastReadAt: NOW });

    const earlier = await read(user, book.id, { pages: 70, minutes: 60, day: '2026-03-10' });
    expect(earlier.session.readAt).toBe(Date.UTC(2026, 2, 10, 12));
    expect(earlier.book).toMatchObject({ pagesRead: 100, progressPercent: 25, minutesRead: 105, sessionCount: 2, lastReadAt: NOW });
    expect((await booksOf(user)).books[0]).toEqual(earlier.book);

    const done = await atBook(complete, 'POST', book.id, '/complete', user);
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ completedAt: NOW, pagesRead: 100, progressPercent: 100 });

    const reopened = await atBook(reopen, 'POST', book.id, '/reopen', user);
    expect(await reopened.json()).toMatchObject({ completedAt: null, progressPercent: 25 });

    const edited = await atBook(patch, 'PATCH', book.id, '', user, { body: { title: 'Dune Messiah', author: 'F. Herbert', totalPages: 200 } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ title: 'Dune Messiah', author: 'F. Herbert', totalPages: 200, pagesRead: 100, progressPercent: 50 });

    const deleted = await atBook(remove, 'DELETE', book.id, '', user);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({ id: book.id, deletedAt: NOW });
    expect((await booksOf(user)).books).toEqual([]);
    expect((await sessionRows(book.id)).every((r) => r.deleted_at === NOW)).toBe(true);
  });

  it('caps pages read at the page count and keeps books of one user apart', async () => {
    const user = await createTestUser();
    const short = await createBook(user, { title: 'Short', totalPages: 50 });
    const other = await createBook(user, { title: 'Other', totalPages: 100 });
    await read(user, short.id, { pages: 40, minutes: 20 });
    const over = await read(user, short.id, { pages: 40, minutes: 20 });
    expect(over.book).toMatchObject({ pagesRead: 50, progressPercent: 100, minutesRead: 40, completedAt: null });
    await read(user, other.id, { pages: 0, minutes: 15 });
    const byTitle = Object.fromEntries((await booksOf(user)).books.map((b) => [b.title, b]));
    expect(byTitle.Other).toMatchObject({ pagesRead: 0, minutesRead: 15, sessionCount: 1 });
    expect(byTitle.Short).toMatchObject({ pagesRead: 50, sessionCount: 2 });
  });

  it("dates a past session at noon of that day in the reader's time zone, and today's at the moment it is logged", async () => {
    setServerTime(NOW);
    const user = await createTestUser({ timezone: 'Pacific/Kiritimati' });
    const book = await createBook(user);
    expect((await read(user, book.id, { pages: 1, minutes: 1, day: '2026-03-19' })).session.readAt).toBe(NOW);
    expect((await read(user, book.id, { pages: 1, minutes: 1, day: '2026-03-18' })).session.readAt).toBe(Date.UTC(2026, 2, 17, 22));
    const before = await snapshotDb();
    await expectError(await atBook(logSession, 'POST', book.id, '/sessions', user, { body: { pages: 1, minutes: 1, day: '2026-03-20' } }), 400, 'bad_request');
    expect(await snapshotDb()).toBe(before);
  });

  it('stamps every write with a new server version and bumps books and progress when reading figures move', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const book = await createBook(user);
      const version = async () =>
        Number((await getClient().execute({ sql: 'SELECT server_version FROM books WHERE id = ?', args: [book.id] })).rows[0].server_version);
      const versions = [await version()];
      await atBook(patch, 'PATCH', book.id, '', user, { body: { totalPages: 300 } });
      versions.push(await version());
      await atBook(complete, 'POST', book.id, '/complete', user);
      versions.push(await version());
      await atBook(reopen, 'POST', book.id, '/reopen', user);
      versions.push(await version());
      const { session } = await read(user, book.id, { pages: 10, minutes: 10 });
      expect(Number((await sessionRows(book.id)).find((r) => r.id === session.id)!.server_version)).toBeGreaterThan(versions[3]);
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
      expect(events.map((e) => e.hints.changedScopes)).toEqual([
        ['books'],
        ['books', 'progress'],
        ['books', 'progress'],
        ['books', 'progress'],
        ['books', 'progress'],
      ]);
    } finally {
      unsubscribe();
    }
  });
});

describe('book writes reject bad input and change nothing', () => {
  let user: TestUser;
  let book: Book;
  beforeAll(async () => {
    user = await createTestUser();
    book = await createBook(user);
  });

  const createCases: Case[] = [
    ...bodyClasses({ title: 'Emma', totalPages: 300 }),
    ['a missing title', 400, 'validation_failed', { body: { totalPages: 300 } }],
    ['a blank title', 400, 'validation_failed', { body: { title: ' ', totalPages: 300 } }],
    ['a title over 200 characters', 400, 'validation_failed', { body: { title: 't'.repeat(201), totalPages: 300 } }],
    ['an author over 200 characters', 400, 'validation_failed', { body: { title: 'Emma', author: 'a'.repeat(201), totalPages: 300 } }],
    ['a missing page count', 400, 'validation_failed', { body: { title: 'Emma' } }],
    ['0 pages', 400, 'validation_failed', { body: { title: 'Emma', totalPages: 0 } }],
    ['a fractional page count', 400, 'validation_failed', { body: { title: 'Emma', totalPages: 10.5 } }],
    ['an unknown field', 400, 'validation_failed', { body: { title: 'Emma', totalPages: 300, pagesRead: 30 } }],
  ];

  it.each(createCases)('POST /api/books with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await send(create, 'POST', '/api/books', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const patchCases: Case[] = [
    ...bodyClasses({ title: 'Renamed' }),
    ['an empty patch', 400, 'validation_failed', { body: {} }],
    ['a null title', 400, 'validation_failed', { body: { title: null } }],
    ['a negative page count', 400, 'validation_failed', { body: { totalPages: -5 } }],
    ['an unknown field', 400, 'validation_failed', { body: { completedAt: 1 } }],
  ];

  it.each(patchCases)('PATCH /api/books/[id] with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atBook(patch, 'PATCH', book.id, '', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const sessionCases: Case[] = [
    ...bodyClasses({ pages: 10, minutes: 20 }),
    ['no pages and no minutes', 400, 'validation_failed', { body: { pages: 0, minutes: 0 } }],
    ['negative pages', 400, 'validation_failed', { body: { pages: -1, minutes: 20 } }],
    ['minutes over a day', 400, 'validation_failed', { body: { pages: 1, minutes: 1441 } }],
    ['a missing minutes field', 400, 'validation_failed', { body: { pages: 10 } }],
    ['a day in another format', 400, 'validation_failed', { body: { pages: 1, minutes: 1, day: 'yesterday' } }],
    ['a day after today', 400, 'bad_request', { body: { pages: 1, minutes: 1, day: '2999-01-01' } }],
    ['an unknown field', 400, 'validation_failed', { body: { pages: 1, minutes: 1, bookId: UNKNOWN_ID } }],
  ];

  it.each(sessionCases)('POST /api/books/[id]/sessions with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await atBook(logSession, 'POST', book.id, '/sessions', user, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 401 before looking at the body when nobody is signed in', async () => {
    const before = await snapshotDb();
    await expectError(await call(create, '/api/books', { method: 'POST', raw: '{oops', headers: json }), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('book ids that do not name a live book of the caller', () => {
  const idRoutes: [label: string, handler: Handler, method: string, action: string, body?: unknown][] = [
    ['PATCH', patch, 'PATCH', '', { title: 'x' }],
    ['DELETE', remove, 'DELETE', ''],
    ['sessions', logSession, 'POST', '/sessions', { pages: 1, minutes: 1 }],
    ['complete', complete, 'POST', '/complete'],
    ['reopen', reopen, 'POST', '/reopen'],
  ];

  it.each(idRoutes)('answer 404 to %s for an unknown, malformed or deleted id, changing nothing', async (_label, handler, method, action, body) => {
    const user = await createTestUser();
    const gone = await createBook(user);
    await atBook(remove, 'DELETE', gone.id, '', user);
    const before = await snapshotDb();
    for (const id of [UNKNOWN_ID, 'not-a-uuid', gone.id]) {
      await expectError(await atBook(handler, method, id, action, user, { body }), 404, 'not_found');
    }
    expect(await snapshotDb()).toBe(before);
  });
});

describe('book writes that do not fit the book state', () => {
  it('answers 409 to completing a completed book, reopening an open one and reading a completed one, changing nothing', async () => {
    const user = await createTestUser();
    const open = await createBook(user);
    const done = await createBook(user);
    await atBook(complete, 'POST', done.id, '/complete', user);
    const before = await snapshotDb();
    await expectError(await atBook(complete, 'POST', done.id, '/complete', user), 409, 'conflict');
    await expectError(await atBook(reopen, 'POST', open.id, '/reopen', user), 409, 'conflict');
    await expectError(await atBook(logSession, 'POST', done.id, '/sessions', user, { body: { pages: 5, minutes: 5 } }), 409, 'conflict');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('books are private to their owner', () => {
  it("answers 404 to every id route for another user's book and never lists it", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const book = await createBook(a);
    await read(a, book.id, { pages: 10, minutes: 10 });

    const before = await snapshotDb();
    await expectError(await atBook(patch, 'PATCH', book.id, '', b, { body: { title: 'mine now' } }), 404, 'not_found');
    await expectError(await atBook(remove, 'DELETE', book.id, '', b), 404, 'not_found');
    await expectError(await atBook(logSession, 'POST', book.id, '/sessions', b, { body: { pages: 1, minutes: 1 } }), 404, 'not_found');
    await expectError(await atBook(complete, 'POST', book.id, '/complete', b), 404, 'not_found');
    await expectError(await atBook(reopen, 'POST', book.id, '/reopen', b), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);

    expect(await booksOf(b)).toEqual({ books: [] });
    const own = await createBook(b);
    expect((await booksOf(b)).books).toMatchObject([{ id: own.id, pagesRead: 0, sessionCount: 0 }]);
    expect((await booksOf(a)).books).toMatchObject([{ id: book.id, pagesRead: 10 }]);
  });
});

describe('GET /api/books is a conditional GET', () => {
  it('answers 200 with an ETag, 304 for the same ETag, and 200 with a new ETag after a write', async () => {
    const user = await createTestUser();
    const first = await call(list, '/api/books', { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;

    const again = await call(list, '/api/books', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    const book = await createBook(user);
    const after = await call(list, '/api/books', { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    const newEtag = after.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect((await after.json()).books.map((b: Book) => b.id)).toEqual([book.id]);

    await read(user, book.id, { pages: 3, minutes: 4 });
    expect((await call(list, '/api/books', { cookie: user.cookie, headers: { 'if-none-match': newEtag } })).status).toBe(200);
  });

  it('answers 401 without a session even with a matching If-None-Match', async () => {
    const user = await createTestUser();
    const etag = (await call(list, '/api/books', { cookie: user.cookie })).headers.get('etag')!;
    await expectError(await call(list, '/api/books', { headers: { 'if-none-match': etag } }), 401, 'unauthorized');
  });
});
