import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteRoute, PATCH as patchRoute } from '@/app/api/planner/events/[id]/route';
import { GET as listRoute, POST as createRoute } from '@/app/api/planner/events/route';
import { getBus } from '@/lib/server/platform/changes/bus';
import { getClient } from '@/lib/server/platform/db/client';
import type { ChangeEvent } from '@/lib/shared/events';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { call, createTestUser, snapshotDb, type CallOptions, type TestUser, expectError } from './helpers';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Monday 2030-06-03 00:00 UTC: a fixed week far from "now" so tests never collide. */
const WEEK = Date.UTC(2030, 5, 3);
const FOREIGN_ID = '00000000-0000-4000-8000-000000000000';

const json = { 'content-type': 'application/json' };

function eventBody(overrides: Record<string, unknown> = {}) {
  return { title: 'Dentist', startsAt: WEEK + 9 * HOUR, endsAt: WEEK + 10 * HOUR, ...overrides };
}

async function createEvent(user: TestUser, body: Record<string, unknown> = eventBody(), options: CallOptions = {}): Promise<PlannerEvent> {
  const res = await call(createRoute, '/api/planner/events', { method: 'POST', cookie: user.cookie, body, ...options });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json();
}

const patch = (user: TestUser, id: string, options: CallOptions) =>
  call(patchRoute, `/api/planner/events/${id}`, { method: 'PATCH', cookie: user.cookie, params: { id }, ...options });

const remove = (user: TestUser, id: string, options: CallOptions = {}) =>
  call(deleteRoute, `/api/planner/events/${id}`, { method: 'DELETE', cookie: user.cookie, params: { id }, ...options });

const rangePath = (from = WEEK, to = WEEK + 7 * DAY) => `/api/planner/events?from=${from}&to=${to}`;

async function listEvents(user: TestUser, from = WEEK, to = WEEK + 7 * DAY): Promise<PlannerEvent[]> {
  const res = await call(listRoute, rangePath(from, to), { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

async function storedRow(id: string) {
  const { rows } = await getClient().execute({ sql: 'SELECT * FROM planner_events WHERE id = ?', args: [id] });
  return rows[0];
}

describe('planner events from add to delete', () => {
  it('adds an event, lists it, edits it, moves it and deletes it, stamping each write', async () => {
    const user = await createTestUser();
    const created = await createEvent(user, eventBody({ title: '  Dentist  ', notes: 'Bring the card', color: '#3b82f6' }));
    expect(created).toMatchObject({
      title: 'Dentist',
      startsAt: WEEK + 9 * HOUR,
      endsAt: WEEK + 10 * HOUR,
      allDay: false,
      notes: 'Bring the card',
      color: '#3b82f6',
    });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await listEvents(user)).toEqual([created]);
    const v1 = Number((await storedRow(created.id)).server_version);

    const edited = await patch(user, created.id, { body: { title: 'Dentist (check-up)', notes: '' } });
    expect(edited.status).toBe(200);
    expect(await edited.json()).toMatchObject({ id: created.id, title: 'Dentist (check-up)', notes: null, color: '#3b82f6' });
    const v2 = Number((await storedRow(created.id)).server_version);
    expect(v2).toBeGreaterThan(v1);

    const moved: PlannerEvent = await (
      await patch(user, created.id, { body: { startsAt: WEEK + 2 * DAY + 14 * HOUR, endsAt: WEEK + 2 * DAY + 15 * HOUR } })
    ).json();
    expect(moved).toMatchObject({ startsAt: WEEK + 2 * DAY + 14 * HOUR, endsAt: WEEK + 2 * DAY + 15 * HOUR, title: 'Dentist (check-up)' });
    expect(await listEvents(user)).toEqual([moved]);

    const deleted = await remove(user, created.id);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual(moved);
    expect(await listEvents(user)).toEqual([]);
    const row = await storedRow(created.id);
    expect(row.deleted_at).not.toBeNull();
    expect(Number(row.server_version)).toBeGreaterThan(v2);
  });

  it('keeps all-day events from midnight to midnight and lets one end move on its own', async () => {
    const user = await createTestUser();
    const holiday = await createEvent(user, { title: 'Holiday', startsAt: WEEK + 4 * DAY, endsAt: WEEK + 6 * DAY, allDay: true });
    expect(holiday).toMatchObject({ allDay: true, notes: null, color: null });
    const longer: PlannerEvent = await (await patch(user, holiday.id, { body: { endsAt: WEEK + 7 * DAY } })).json();
    expect(longer).toMatchObject({ startsAt: WEEK + 4 * DAY, endsAt: WEEK + 7 * DAY, allDay: true });
  });

  it('lists the events overlapping [from, to), earliest first, including ones that started before', async () => {
    const user = await createTestUser();
    const before = await createEvent(user, eventBody({ title: 'Ends at from', startsAt: WEEK - 2 * HOUR, endsAt: WEEK }));
    const overnight = await createEvent(user, eventBody({ title: 'Overnight', startsAt: WEEK - 2 * HOUR, endsAt: WEEK + 2 * HOUR }));
    const later = await createEvent(user, eventBody({ title: 'Later', startsAt: WEEK + 3 * DAY, endsAt: WEEK + 3 * DAY + HOUR }));
    const early = await createEvent(user, eventBody({ title: 'Early', startsAt: WEEK + 8 * HOUR, endsAt: WEEK + 9 * HOUR }));
    const atTo = await createEvent(user, eventBody({ title: 'Starts at to', startsAt: WEEK + 7 * DAY, endsAt: WEEK + 7 * DAY + HOUR }));
    const ids = (await listEvents(user)).map((e) => e.id);
    expect(ids).toEqual([overnight.id, early.id, later.id]);
    expect(ids).not.toContain(before.id);
    expect(ids).not.toContain(atTo.id);
  });
});

describe('planner writes that break the rules change nothing', () => {
  let user: TestUser;
  let existing: PlannerEvent;
  beforeAll(async () => {
    user = await createTestUser();
    existing = await createEvent(user);
  });

  const bodyClasses = (valid: Record<string, unknown>): [string, number, string, CallOptions][] => [
    ['wrong content type', 415, 'unsupported_media_type', { raw: JSON.stringify(valid), headers: { 'content-type': 'text/plain' } }],
    ['malformed JSON', 400, 'invalid_json', { raw: '{"title": ', headers: json }],
    ['a body over 1 MiB', 413, 'payload_too_large', { raw: JSON.stringify({ ...valid, notes: 'x'.repeat(1024 * 1024 + 10) }), headers: json }],
    ['a JSON array', 400, 'validation_failed', { body: [valid] }],
  ];

  const createCases: [string, number, string, CallOptions][] = [
    ...bodyClasses(eventBody()),
    ['an end before the start', 400, 'validation_failed', { body: eventBody({ endsAt: WEEK + 8 * HOUR }) }],
    ['an end equal to the start', 400, 'validation_failed', { body: eventBody({ endsAt: WEEK + 9 * HOUR }) }],
    ['an event over a year long', 400, 'validation_failed', { body: eventBody({ endsAt: WEEK + 400 * DAY }) }],
    ['an empty title', 400, 'validation_failed', { body: eventBody({ title: '   ' }) }],
    ['a title over 200 characters', 400, 'validation_failed', { body: eventBody({ title: 't'.repeat(201) }) }],
    ['a missing start', 400, 'validation_failed', { body: { title: 'No start', endsAt: WEEK } }],
    ['a fractional start', 400, 'validation_failed', { body: eventBody({ startsAt: WEEK + 0.5 }) }],
    ['a start given as a date string', 400, 'validation_failed', { body: eventBody({ startsAt: '2030-06-03T09:00' }) }],
    ['allDay as a string', 400, 'validation_failed', { body: eventBody({ allDay: 'yes' }) }],
    ['a colour that is not #rrggbb', 400, 'validation_failed', { body: eventBody({ color: 'blue' }) }],
    ['notes over 2000 characters', 400, 'validation_failed', { body: eventBody({ notes: 'n'.repeat(2001) }) }],
    ['an unknown field', 400, 'validation_failed', { body: eventBody({ userId: 'someone-else' }) }],
  ];

  it.each(createCases)('POST with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await call(createRoute, '/api/planner/events', { method: 'POST', cookie: user.cookie, ...options }), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  const patchCases: [string, number, string, CallOptions][] = [
    ...bodyClasses({ title: 'Renamed' }),
    ['an empty patch', 400, 'validation_failed', { body: {} }],
    ['an end before the start', 400, 'validation_failed', { body: { startsAt: WEEK + 12 * HOUR, endsAt: WEEK + 11 * HOUR } }],
    ['an end moved before the stored start', 400, 'validation_failed', { body: { endsAt: WEEK + 8 * HOUR } }],
    ['a start moved past the stored end', 400, 'validation_failed', { body: { startsAt: WEEK + 11 * HOUR } }],
    ['an empty title', 400, 'validation_failed', { body: { title: '' } }],
    ['an unknown field', 400, 'validation_failed', { body: { deletedAt: 1 } }],
  ];

  it.each(patchCases)('PATCH with %s → %i %s', async (_label, status, code, options) => {
    const before = await snapshotDb();
    await expectError(await patch(user, existing.id, options), status, code);
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['an unknown id', FOREIGN_ID],
    ['an id that is not a UUID', 'not-a-uuid'],
    ['an id with SQL in it', "x' OR '1'='1"],
  ])('answers 404 to PATCH and DELETE of %s', async (_label, id) => {
    const before = await snapshotDb();
    await expectError(await patch(user, id, { body: { title: 'Nope' } }), 404, 'not_found');
    await expectError(await remove(user, id), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it('answers 404 to editing or deleting an event that was already deleted', async () => {
    const gone = await createEvent(user);
    expect((await remove(user, gone.id)).status).toBe(200);
    const before = await snapshotDb();
    await expectError(await patch(user, gone.id, { body: { title: 'Back' } }), 404, 'not_found');
    await expectError(await remove(user, gone.id), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);
  });

  it.each([
    ['to before from', '?from=100&to=50'],
    ['to equal to from', '?from=100&to=100'],
    ['a range over a year', `?from=0&to=${367 * DAY}`],
    ['a missing bound', '?from=0'],
    ['a non-numeric bound', '?from=monday&to=100'],
  ])('answers 400 to a GET with %s', async (_label, query) => {
    await expectError(await call(listRoute, `/api/planner/events${query}`, { cookie: user.cookie }), 400, 'validation_failed');
  });

  it('answers 401 to every route when nobody is signed in', async () => {
    const before = await snapshotDb();
    await expectError(await call(listRoute, rangePath()), 401, 'unauthorized');
    await expectError(await call(createRoute, '/api/planner/events', { method: 'POST', body: eventBody() }), 401, 'unauthorized');
    await expectError(
      await call(patchRoute, `/api/planner/events/${existing.id}`, { method: 'PATCH', body: { title: 'x' }, params: { id: existing.id } }),
      401,
      'unauthorized',
    );
    await expectError(await call(deleteRoute, `/api/planner/events/${existing.id}`, { method: 'DELETE', params: { id: existing.id } }), 401, 'unauthorized');
    expect(await snapshotDb()).toBe(before);
  });
});

describe('planner events are private to their owner', () => {
  it("answers 404 to B for A's event on every id route and never lists A's events to B", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    const event = await createEvent(a, eventBody({ title: 'A only' }));
    await createEvent(b, eventBody({ title: 'B only' }));

    const before = await snapshotDb();
    await expectError(await patch(b, event.id, { body: { title: 'Taken over' } }), 404, 'not_found');
    await expectError(await remove(b, event.id), 404, 'not_found');
    expect(await snapshotDb()).toBe(before);

    expect((await listEvents(b)).map((e) => e.title)).toEqual(['B only']);
    expect(await listEvents(a)).toEqual([event]);
  });

  it("does not answer B's GET with 304 for A's ETag", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    await createEvent(a);
    const etagA = (await call(listRoute, rangePath(), { cookie: a.cookie })).headers.get('etag')!;
    const res = await call(listRoute, rangePath(), { cookie: b.cookie, headers: { 'if-none-match': etagA } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual([]);
  });
});

describe('GET /api/planner/events is a conditional GET', () => {
  it('answers 200 with an ETag, 304 for the same ETag, and 200 with a new ETag after a write', async () => {
    const user = await createTestUser();
    const first = await call(listRoute, rangePath(), { cookie: user.cookie });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(first.headers.get('vary')).toBe('Cookie, Authorization');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);

    const again = await call(listRoute, rangePath(), { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await createEvent(user);
    const after = await call(listRoute, rangePath(), { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    expect(await after.json()).toHaveLength(1);
  });

  it('gives each range its own ETag', async () => {
    const user = await createTestUser();
    const thisWeek = (await call(listRoute, rangePath(), { cookie: user.cookie })).headers.get('etag')!;
    const nextWeek = await call(listRoute, rangePath(WEEK + 7 * DAY, WEEK + 14 * DAY), { cookie: user.cookie, headers: { 'if-none-match': thisWeek } });
    expect(nextWeek.status).toBe(200);
    expect(nextWeek.headers.get('etag')).not.toBe(thisWeek);
  });
});

describe('every planner write publishes one calendar event', () => {
  it('publishes event_created, event_updated and event_deleted with the event, from the source device', async () => {
    const user = await createTestUser();
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      const device = { headers: { 'x-device-id': 'tab-planner' } };
      const created = await createEvent(user, eventBody(), device);
      const updated: PlannerEvent = await (
        await patch(user, created.id, { ...device, body: { title: 'Moved', startsAt: WEEK + DAY, endsAt: WEEK + DAY + HOUR } })
      ).json();
      await remove(user, created.id, device);

      expect(events.map((e) => e.hints.event?.type)).toEqual(['event_created', 'event_updated', 'event_deleted']);
      for (const e of events) {
        expect(e).toMatchObject({ userId: user.id, scope: 'planner', sourceDeviceId: 'tab-planner' });
        expect(e.hints.changedScopes).toEqual(['planner']);
        expect(e.hints.event?.channel).toBe('calendar');
      }
      expect(events[0].hints.event?.payload).toEqual(created);
      expect(events[1].hints.event?.payload).toEqual(updated);
      expect(events[2].hints.event?.payload).toEqual(updated);
    } finally {
      unsubscribe();
    }
  });

  it('publishes nothing for a rejected write', async () => {
    const user = await createTestUser();
    const other = await createTestUser();
    const foreign = await createEvent(other);
    const events: ChangeEvent[] = [];
    const unsubscribe = getBus().subscribe(user.id, (e) => events.push(e));
    try {
      await call(createRoute, '/api/planner/events', { method: 'POST', cookie: user.cookie, body: eventBody({ endsAt: WEEK }) });
      await patch(user, foreign.id, { body: { title: 'Nope' } });
      await remove(user, FOREIGN_ID);
      await createEvent(user);
      expect(events.map((e) => e.hints.event?.type)).toEqual(['event_created']);
    } finally {
      unsubscribe();
    }
  });
});
