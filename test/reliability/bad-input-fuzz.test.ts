import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, type ErrorCode } from '@/lib/server/platform/errors';
import { MAX_BODY_BYTES } from '@/lib/server/platform/http/body';
import type { RouteSchemas } from '@/lib/server/platform/http/route';
import { setLogDestinationForTests } from '@/lib/server/platform/log';
import { REGISTRY_ID } from '@/lib/shared/crdt/ops';
import { SYNC_ENTITY_TYPES, syncChangeSchema, syncDataSchemas } from '@/lib/shared/schemas/records-sync';
import { CURRENT_TERMS } from '@/lib/shared/terms';
import { call, createTestUser, snapshotDb, type TestUser } from '../server/helpers';
import {
  DEEP_ARRAY,
  DEEP_OBJECT,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  PROTO_VALUES,
  jsonSchemaOf,
  type JsonSchema,
  mutate,
  mutation,
  pathsOf,
  toJsonText,
  validish,
} from './schema-arbitraries';

// Bad input against every mutating route: generic hostile classes, then near-valid bodies derived
// from the route's own zod schema with one field broken. No answer may be a 5xx, every 4xx is the
// JSON error shape, and a rejected request leaves every row of every table as it was.

type Method = 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Handler = ((req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>) & { schemas?: RouteSchemas };
type RouteModule = Partial<Record<Method | 'GET', Handler>>;

// Every route under app/api, found at test time: a new route cannot escape the fuzz.
const modules = import.meta.glob<RouteModule>('/app/api/**/route.ts', { eager: true });

/** Mutating routes the fuzz leaves alone, and why. */
const EXCLUDED: Record<string, string> = {
  '/api/auth/[...nextauth]': "next-auth's own sign-in, sign-out and csrf handler: form posts it parses itself, not route(); its login limit has its own tests",
  '/api/[...path]':
    'no route: every /api path no other route has, a JSON 404 for every method that reads nothing and changes nothing (decision 074, e2e/api/edge.spec.ts)',
};

const MUTATING: readonly Method[] = ['POST', 'PUT', 'PATCH', 'DELETE'];

/** Seeds every fast-check run; FUZZ_SEED=<n> replays or explores another, FUZZ_RUNS=<n> runs longer. */
const SEED = Number(process.env.FUZZ_SEED ?? 20_260_301);
/** Near-valid requests per route with a body or query schema, and hostile ids per other dynamic route. */
const SCHEMA_RUNS = Number(process.env.FUZZ_RUNS ?? 25);
const ID_RUNS = Math.ceil(SCHEMA_RUNS / 2);
/** Rejected requests whose database check waits for one snapshot. */
const BATCH = 25;

interface Target {
  name: string;
  pattern: string;
  method: Method;
  handler: Handler;
  schemas: RouteSchemas;
}

const routePath = (file: string) => file.replace(/^\/app/, '').replace(/\/route\.ts$/, '');
const isDynamic = (pattern: string) => pattern.includes('[');

const targets: Target[] = Object.keys(modules)
  .sort()
  .flatMap((file) => {
    const pattern = routePath(file);
    if (pattern in EXCLUDED) return [];
    return MUTATING.flatMap((method) => {
      const handler = modules[file][method];
      return handler ? [{ name: `${method} ${pattern}`, pattern, method, handler, schemas: handler.schemas ?? { auth: 'user' } }] : [];
    });
  });

// Fixtures: one user for every user route, an admin for the admin routes, and some of the user's records.

let alice: TestUser;
let root: TestUser;
/** Ids of alice's records: every UUID a generated body names may be one of them. */
const pool: string[] = [];
let aliceDevice: string;

async function create(path: string, body: unknown): Promise<Record<string, unknown>> {
  const handler = modules[`/app${path}/route.ts`]?.POST;
  if (!handler) throw new Error(`setup: no POST ${path}`);
  const res = await call(handler, path, { method: 'POST', cookie: alice.cookie, body });
  if (res.status >= 300) throw new Error(`setup: POST ${path} answered ${res.status} ${await res.text()}`);
  return res.json();
}

const idOf = (record: Record<string, unknown>) => String(record.id);

/** A valid body per route: the base of the near-valid bodies and the body of the hostile-id requests. */
const EXAMPLES: Record<string, () => unknown> = {
  'POST /api/admin/terms': () => ({ title: 'Fuzz terms', body: 'Be kind to the server.' }),
  'PATCH /api/admin/users/[id]': () => ({ disabled: false }),
  'POST /api/api-keys': () => ({ label: 'Fuzz key' }),
  'POST /api/auth/signup': () => ({ email: 'fuzz-signup@example.test', password: 'a fine long password', name: 'Fuzz', timezone: 'Europe/Paris' }),
  'PATCH /api/books/[id]': () => ({ title: 'Renamed', author: 'Someone', totalPages: 120 }),
  'POST /api/books/[id]/sessions': () => ({ pages: 5, minutes: 10, day: '2026-03-18' }),
  'POST /api/books': () => ({ title: 'Fuzz book', author: null, totalPages: 100 }),
  'POST /api/device-tokens': () => ({ token: 'ab'.repeat(32), platform: 'ios', environment: 'dev', deviceId: 'fuzz-device' }),
  'DELETE /api/device-tokens': () => ({ token: 'ab'.repeat(32) }),
  'PATCH /api/devices/[id]': () => ({ label: 'Renamed' }),
  'POST /api/devices': () => ({ label: 'Fuzz phone', platform: 'ios' }),
  'POST /api/focus/extend': () => ({ minutes: 5 }),
  'POST /api/focus/move': () => ({ targetDeviceId: 'other-device' }),
  'POST /api/focus/start': () => ({
    taskTitle: 'Fuzz',
    mode: 'pomodoro',
    plannedMinutes: 25,
    pomodoro: { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
  }),
  'POST /api/focus/stop': () => ({ completed: true }),
  'POST /api/focus/pause': () => ({}),
  'POST /api/focus/resume': () => ({}),
  'POST /api/habits/[id]/log': () => ({}),
  'PATCH /api/habits/[id]': () => ({ name: 'Renamed', cadence: 'weekly', timesPerWeek: 3, color: '#e04a12', archived: false }),
  'POST /api/habits': () => ({ name: 'Fuzz habit', cadence: 'daily', color: '#e04a12' }),
  'PATCH /api/me': () => ({ name: 'Alice', timezone: 'UTC' }),
  // Well-formed but not the caller's password: the fuzz must not delete its own user or change its password.
  'DELETE /api/me': () => ({ password: 'not the password' }),
  'POST /api/me/password': () => ({ currentPassword: 'not the password', newPassword: 'another long password' }),
  'PATCH /api/mood/activities/[id]': () => ({ label: 'Renamed', color: '#3b82f6' }),
  'POST /api/mood/activities': () => ({ label: 'Walk', color: null }),
  'POST /api/mood/assessments': () => ({ kind: 'mood-check', answers: { interest: 1, down: 2 } }),
  'PATCH /api/mood/entries/[id]': () => ({ score: 5, notes: 'fine', activityIds: pool.slice(0, 1) }),
  'POST /api/mood/entries': () => ({ score: 7, notes: 'good', activityIds: [], recordedAt: 1_800_000_000_000 }),
  'PATCH /api/mood/schedules/[id]': () => ({ cadence: 'weekly', enabled: false }),
  'POST /api/mood/schedules': () => ({ kind: 'mood-check', cadence: 'daily', nextDueAt: 1_800_000_000_000 }),
  'POST /api/plan/today/generate': () => ({ focusGoalMinutes: 30 }),
  'PATCH /api/planner/events/[id]': () => ({ title: 'Moved', startsAt: 1_800_000_000_000, endsAt: 1_800_003_600_000 }),
  'POST /api/planner/events': () => ({ title: 'Fuzz', startsAt: 1_800_000_000_000, endsAt: 1_800_003_600_000, allDay: false, notes: null, color: null }),
  'POST /api/quests/[id]/progress': () => ({ by: 1 }),
  'PATCH /api/quests/[id]': () => ({ title: 'Renamed', description: 'Deeper', target: 20, xpReward: 10, deadline: null }),
  'POST /api/quests': () => ({ title: 'Fuzz quest', description: null, target: 10, xpReward: 50, deadline: 1_800_000_000_000 }),
  'POST /api/sync/push': () => ({
    clientId: 'fuzz-client',
    ops: [
      { scope: 'registry', resourceId: REGISTRY_ID, actor: 'fuzz', clock: 1, payload: { type: 'createList', listId: 'fuzz-list', name: 'Inbox' } },
      {
        scope: 'list',
        resourceId: 'fuzz-list',
        actor: 'fuzz',
        clock: 2,
        payload: { type: 'addTask', taskId: 'fuzz-task', title: 'Task', dueDay: '2026-03-18', position: 'a0' },
      },
    ],
  }),
  'POST /api/tasks/sync': () => ({
    clientId: 'fuzz-client',
    since: 0,
    limit: 100,
    ops: [
      {
        scope: 'list',
        resourceId: 'fuzz-list',
        actor: 'fuzz',
        clock: 3,
        payload: { type: 'editTask', taskId: 'fuzz-task', fields: { title: 'Edited', notes: 'n' } },
      },
    ],
  }),
  'POST /api/tos/accept': () => ({ version: CURRENT_TERMS.version }),
  'POST /api/v1/sync/upload': () => ({
    deviceId: aliceDevice,
    clientCursor: 0,
    changes: [
      {
        entityType: 'books',
        id: '6f1c2a4e-0d0b-4c53-9d3e-2f4a8b9c0d1e',
        data: { title: 'Synced', author: null, totalPages: 10, completedAt: null },
        updatedAt: 1_800_000_000_000,
        deleted: false,
      },
      {
        entityType: 'assessments',
        id: '7a2d3b5f-1e1c-4d64-8e4f-3a5b9c0d1e2f',
        data: { kind: 'mood-check', payload: { interest: 1 }, score: 1, takenAt: 1_800_000_000_000 },
        updatedAt: 1_800_000_000_000,
        deleted: false,
      },
    ],
  }),
};

/** For dynamic routes: a record of the caller's to aim at, so the fuzz gets past "not found". */
const PARENTS: Record<string, () => Promise<string>> = {
  '/api/admin/users/[id]': async () => (await createTestUser()).id,
  '/api/api-keys/[id]': async () => idOf((await create('/api/api-keys', { label: 'Fuzz key' })).apiKey as Record<string, unknown>),
  '/api/books/[id]': async () => idOf(await create('/api/books', { title: 'Target', totalPages: 300 })),
  '/api/devices/[id]': async () => idOf(await create('/api/devices', { label: 'Target', platform: 'ios' })),
  '/api/habits/[id]': async () => idOf(await create('/api/habits', { name: 'Target', cadence: 'daily' })),
  '/api/mood/activities/[id]': async () => idOf(await create('/api/mood/activities', { label: 'Target' })),
  '/api/mood/assessments/[id]': async () =>
    idOf((await create('/api/mood/assessments', EXAMPLES['POST /api/mood/assessments']())).assessment as Record<string, unknown>),
  '/api/mood/entries/[id]': async () => idOf(await create('/api/mood/entries', { score: 4 })),
  '/api/mood/schedules/[id]': async () => idOf(await create('/api/mood/schedules', { kind: 'wellbeing-check', cadence: 'monthly' })),
  '/api/plan/items/[id]': async () => {
    const { plan } = (await create('/api/plan/today/generate', { focusGoalMinutes: 45 })) as { plan: { items: { id: string }[] } };
    return plan.items[0].id;
  },
  '/api/planner/events/[id]': async () =>
    idOf(await create('/api/planner/events', { title: 'Target', startsAt: 1_800_000_000_000, endsAt: 1_800_000_600_000 })),
  '/api/quests/[id]': async () => idOf(await create('/api/quests', { title: 'Target', target: 5, xpReward: 5 })),
};

async function parentId(pattern: string): Promise<string> {
  const key = Object.keys(PARENTS).find((p) => pattern === p || pattern.startsWith(`${p}/`));
  return key ? PARENTS[key]() : randomUUID();
}

/** A route's URL with `id` in every dynamic segment (encoded as a client would), and the params Next would pass. */
function concrete(pattern: string, id: string): { url: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_m, _rest, name: string) => {
    params[name] = id;
    return encodeURIComponent(id.toWellFormed());
  });
  return { url, params };
}

// Requests and what they must get.

interface Expected {
  status: number;
  code: ErrorCode;
}

interface Attempt {
  label: string;
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** Send the caller's credentials (default); false for the unauthenticated classes. */
  signedIn?: boolean;
  /** The answer the route must give before any handler runs; such rejections are checked in batches. */
  expect?: Expected;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const VALIDATION: Expected = { status: 400, code: 'validation_failed' };
const TOO_LARGE: Expected = { status: 413, code: 'payload_too_large' };

/** What the route's own parsers say about a request: a 400 when its query or JSON body fails the schema. */
function predict(t: Target, url: string, body: unknown): Expected | undefined {
  if (t.schemas.auth !== 'public' && t.schemas.query) {
    if (!t.schemas.query.safeParse(Object.fromEntries(new URL(url, 'http://localhost').searchParams)).success) return VALIDATION;
  }
  if (t.schemas.body && !t.schemas.body.safeParse(body).success) return VALIDATION;
  return undefined;
}

function jsonAttempt(t: Target, base: { url: string; params: Record<string, string> }, label: string, value: unknown, extra: Partial<Attempt> = {}): Attempt {
  const text = toJsonText(value);
  const tooLarge = t.schemas.body && Buffer.byteLength(text) > MAX_BODY_BYTES;
  const expected = tooLarge ? TOO_LARGE : predict(t, base.url, JSON.parse(text));
  return { label, ...base, headers: JSON_TYPE, body: text, expect: expected, ...extra };
}

const bytes = (...parts: (string | number[])[]) => new Uint8Array(Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p)))));

function leaves(value: unknown, test: (v: unknown) => boolean): (string | number)[][] {
  return pathsOf(value, 6).filter((p) => test(p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], value)));
}

function replaceAll(value: unknown, paths: (string | number)[][], by: unknown): unknown {
  const out = structuredClone(value);
  for (const p of paths) {
    const parent = p.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], out) as Record<string, unknown>;
    parent[p[p.length - 1]] = by;
  }
  return out;
}

/** A JSON value of another type than `v`. */
function wrongType(v: unknown): unknown {
  if (typeof v === 'string') return 42;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return 'true';
  if (v === null) return 0;
  return Array.isArray(v) ? { 0: v[0] ?? null } : [v];
}

interface Family {
  name: string;
  attempts: Attempt[];
}

/**
 * The generic hostile classes for one route, by family. A route without a body schema never reads
 * its body, so it gets the first attempt of each body family only.
 */
function hostileClasses(t: Target, base: { url: string; params: Record<string, string> }, example: unknown, realId: string | undefined): Family[] {
  const hasSchema = !!t.schemas.body;
  const json = toJsonText(example);
  const whenParsed = (e: Expected) => (hasSchema ? e : undefined);
  const raw = (label: string, body: string | Uint8Array<ArrayBuffer>, headers: Record<string, string>, expected: Expected | undefined): Attempt => ({
    label,
    ...base,
    headers,
    body,
    expect: expected,
  });
  const invalidJson = whenParsed({ status: 400, code: 'invalid_json' });
  const unsupported = whenParsed({ status: 415, code: 'unsupported_media_type' });
  const tooLarge = whenParsed(TOO_LARGE);
  const twoMb = `{"x":"${'a'.repeat(2 * 1024 * 1024)}"}`;
  const atLimit = `{"x":"${'a'.repeat(MAX_BODY_BYTES - 8)}"}`;
  const overLimit = `{"x":"${'a'.repeat(MAX_BODY_BYTES - 7)}"}`;
  const strings = leaves(example, (v) => typeof v === 'string');
  // Free-text fields (names, titles, notes) take any text: hostile strings go into all of them at once,
  // so that the valid ones reach the service. Without any, every string field gets them.
  const freeText = strings.filter((p) => !predict(t, base.url, replaceAll(example, [p], 'Any free text')));
  const numbers = leaves(example, (v) => typeof v === 'number');
  const asJson = (label: string, value: unknown, extra: Partial<Attempt> = {}) => jsonAttempt(t, base, label, value, extra);

  const families: Family[] = [
    {
      name: 'content type',
      attempts: [
        raw('text/plain', json, { 'content-type': 'text/plain' }, unsupported),
        raw('no content type', json, {}, unsupported),
        raw('a form post', 'title=x&label=y', { 'content-type': 'application/x-www-form-urlencoded' }, unsupported),
        raw(
          'multipart',
          '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--\r\n',
          { 'content-type': 'multipart/form-data; boundary=x' },
          unsupported,
        ),
        raw('xml', '<a>1</a>', { 'content-type': 'application/xml' }, unsupported),
        raw('application/jsonx', json, { 'content-type': 'application/jsonx' }, unsupported),
        raw('a byte order mark (the decoder drops it)', `\ufeff${json}`, JSON_TYPE, predict(t, base.url, example)),
        asJson('an upper-case +json vendor type with a charset', example, { headers: { 'content-type': 'APPLICATION/VND.API+JSON; charset=UTF-8' } }),
      ],
    },
    {
      name: 'malformed JSON',
      attempts: ['{', '', '{"a":}', "{'a':1}", '{"a":1,}', 'NaN', `${json} trailing`, '{"a":1}{"b":2}', '"unterminated'].map((text) =>
        raw(`malformed JSON ${JSON.stringify(text)}`, text, JSON_TYPE, invalidJson),
      ),
    },
    {
      name: 'invalid UTF-8',
      attempts: [
        raw('bytes ff fe', bytes([0x7b, 0xff, 0xfe, 0x7d]), JSON_TYPE, invalidJson),
        raw('an overlong encoding', bytes('{"x":"', [0xc0, 0xaf], '"}'), JSON_TYPE, invalidJson),
        raw('an encoded surrogate', bytes('{"x":"', [0xed, 0xa0, 0x80], '"}'), JSON_TYPE, invalidJson),
        raw('a truncated sequence', bytes(json, [0xe2, 0x82]), JSON_TYPE, invalidJson),
        raw('UTF-16 with a BOM', new Uint8Array(Buffer.from(`\ufeff${json}`, 'utf16le')), JSON_TYPE, invalidJson),
      ],
    },
    {
      name: 'size',
      attempts: [
        raw('a 2 MB body, declared', twoMb, { ...JSON_TYPE, 'content-length': String(twoMb.length) }, tooLarge),
        raw('a 2 MB body under a lying content-length', twoMb, { ...JSON_TYPE, 'content-length': '10' }, tooLarge),
        raw('a small body declaring 100 GB', json, { ...JSON_TYPE, 'content-length': '99999999999' }, tooLarge),
        raw('one byte over the limit', overLimit, JSON_TYPE, tooLarge),
        asJson('exactly at the limit', JSON.parse(atLimit)),
      ],
    },
    {
      name: 'not an object',
      attempts: [[], [example], null, 0, 'a string', true, {}].map((v) => asJson(`the body ${toJsonText(v).slice(0, 40)}`, v)),
    },
    {
      name: 'deep nesting',
      attempts: [asJson('10,000 nested arrays', DEEP_ARRAY), asJson('10,000 nested objects', DEEP_OBJECT)],
    },
  ];
  if (!hasSchema) families.forEach((f) => f.attempts.splice(1));

  if (strings.length) {
    const into = freeText.length ? freeText : strings;
    families.push({
      name: 'hostile strings',
      attempts: HOSTILE_STRINGS.map((s) =>
        asJson(`${into.map((p) => p.join('.')).join(', ')} ← ${JSON.stringify(s.slice(0, 20))}`, replaceAll(example, into, s)),
      ),
    });
  }
  if (numbers.length)
    families.push({ name: 'huge numbers', attempts: HOSTILE_NUMBERS.map((n) => asJson(`every number ← ${toJsonText(n)}`, replaceAll(example, numbers, n))) });
  if (hasSchema && example && typeof example === 'object' && !Array.isArray(example)) {
    const first = Object.keys(example)[0];
    families.push({
      name: 'prototype pollution',
      attempts: [
        ...PROTO_VALUES.map((p) => asJson(`with ${Object.keys(p as object)[0]}`, Object.assign(JSON.parse(json), p))),
        ...(first ? [raw(`a duplicate key ${first}`, `{"${first}":[],${json.slice(1)}`, JSON_TYPE, predict(t, base.url, example))] : []),
      ],
    });
  }

  if (hasSchema) {
    const positions = pathsOf(example, 6);
    families.push({
      name: 'wrong type in a field',
      attempts: positions.map((p) => {
        const wrong = wrongType(p.reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], example));
        return asJson(`${p.join('.')} ← ${JSON.stringify(wrong)}`, replaceAll(example, [p], wrong));
      }),
    });
    families.push({
      name: 'deep nesting in a field',
      attempts: positions.map((p) => asJson(`${p.join('.')} ← 10,000 nested arrays`, replaceAll(example, [p], DEEP_ARRAY))),
    });
  }

  const query = (label: string, search: string) => jsonAttempt(t, { ...base, url: `${base.url}?${search}` }, label, example);
  families.push({
    name: 'query string',
    attempts: [
      query(
        'bad encodings, numbers, days, prototype keys, repeats',
        'deviceId=%ZZ&since=-1&from=abc&to=1e400&limit=0&day=2024-02-30&__proto__=x&constructor=y&day=1969-12-31&%00=%00&%E2%80%AE=1',
      ),
      query('a 100 kB value', `day=${'9'.repeat(100_000)}`),
    ],
  });
  families.push({
    name: 'headers',
    attempts: [
      asJson('a 10 kB device id, a hostile request id, conditional headers', example, {
        headers: { ...JSON_TYPE, 'x-device-id': 'x'.repeat(10_000), 'x-request-id': "<script>' OR 1=1 --", 'if-none-match': '*', 'if-match': '"nope"' },
      }),
    ],
  });
  if (t.schemas.auth !== 'public') {
    const unauthorized: Expected = { status: 401, code: 'unauthorized' };
    const forbidden: Expected = { status: 403, code: 'forbidden' };
    const as = (label: string, headers: Record<string, string>, expected: Expected, extra: Partial<Attempt> = {}) =>
      asJson(label, example, { headers: { ...JSON_TYPE, ...headers }, signedIn: false, expect: expected, ...extra });
    const credentials: Family = {
      name: 'credentials',
      attempts: [
        as('nobody signed in', {}, unauthorized),
        as('a forged session cookie', { cookie: 'next-auth.session-token=eyJhbGciOiJub25lIn0.e30.' }, unauthorized),
        as('a bearer that is no key', { authorization: 'Bearer nonsense' }, unauthorized),
        as('an unknown API key', { authorization: `Bearer pos_aaaaaaaaaaaa_${'A'.repeat(43)}` }, unauthorized),
        as('basic auth', { authorization: 'Basic Zm9vOmJhcg==' }, unauthorized),
        as('an API key in the query', {}, { status: 400, code: 'bad_request' }, { signedIn: true, url: `${base.url}?token=pos_leaked` }),
        as('a cross-site origin', { origin: 'https://evil.example' }, forbidden, { signedIn: true }),
        as('an opaque origin', { origin: 'null' }, forbidden, { signedIn: true }),
        as('sec-fetch-site: cross-site', { 'sec-fetch-site': 'cross-site' }, forbidden, { signedIn: true }),
      ],
    };
    if (t.schemas.auth === 'admin') credentials.attempts.push(as('a signed-in user who is no admin', { cookie: alice.cookie }, forbidden));
    families.push(credentials);
  }
  if (isDynamic(t.pattern)) {
    const ids = [randomUUID(), 'not-a-uuid', '', "' OR '1'='1", 'x'.repeat(10_000), 'nul\u0000', '\ud800', '\u202eevil'];
    if (realId) ids.push(realId.toUpperCase(), `${realId}\n`);
    families.push({ name: 'path ids', attempts: ids.map((id) => jsonAttempt(t, concrete(t.pattern, id), `id ${JSON.stringify(id.slice(0, 40))}`, example)) });
  }
  return families;
}

/** A query schema's values as a client sends them: strings; objects and arrays as their JSON. */
function queryAttempt(t: Target, base: { url: string; params: Record<string, string> }, note: string, value: unknown, example: unknown): Attempt {
  const search = new URLSearchParams();
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) search.append(k, typeof v === 'string' ? v : toJsonText(v));
  }
  return jsonAttempt(t, { ...base, url: `${base.url}?${search}` }, `near-valid query (${note})`, example);
}

/** The upload's `changes` items (an OpenAPI component there): one shape per entity type, so that changes carry plausible records. */
function syncChangeJsonSchema(): JsonSchema {
  const envelope = jsonSchemaOf(syncChangeSchema);
  return {
    oneOf: SYNC_ENTITY_TYPES.map((type) => ({
      ...envelope,
      properties: { ...envelope.properties, entityType: { const: type }, data: jsonSchemaOf(syncDataSchemas[type]) },
    })),
  };
}

// Sending, and the checks every answer must pass.

interface LogSink {
  lines: string[];
  write(line: string): void;
}
const errorLog: LogSink = {
  lines: [],
  write(line) {
    if (line.includes('"level":"error"')) this.lines.push(line.slice(0, 2000));
  },
};

const cookieOf = (t: Target) => (t.schemas.auth === 'admin' ? root.cookie : t.schemas.auth === 'public' ? undefined : alice.cookie);
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

async function send(t: Target, a: Attempt): Promise<{ status: number; text: string; type: string }> {
  errorLog.lines = [];
  const res = await call(t.handler, a.url, {
    method: t.method,
    cookie: a.signedIn === false ? undefined : cookieOf(t),
    headers: a.headers,
    raw: a.body,
    params: a.params,
  });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') ?? '' };
}

function checkAnswer(t: Target, a: Attempt, answer: { status: number; text: string; type: string }): void {
  const what = `${t.name} with ${a.label} answered ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, `${what}\n${errorLog.lines.join('\n')}`).toBeLessThan(500);
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), `${what}: Object.prototype was polluted`).toEqual(prototypeKeys);
  if (a.expect) expect(answer.status, what).toBe(a.expect.status);
  if (answer.status < 400) return;
  expect(answer.type, what).toMatch(/^application\/json/);
  const { error } = JSON.parse(answer.text) as { error: { code: ErrorCode; message: unknown; issues?: unknown } };
  expect(typeof error.message, what).toBe('string');
  expect(ERROR_STATUS[error.code], `${what}: the code does not match the status`).toBe(answer.status);
  if (a.expect) expect(error.code, what).toBe(a.expect.code);
  if (error.issues !== undefined) expect(Array.isArray(error.issues), what).toBe(true);
}

/** Which tables differ between two snapshots, with the first difference in each. */
function describeChange(before: string, after: string): string {
  const b = before.split('\n');
  const a = after.split('\n');
  const out: string[] = [];
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    const x = b[i] ?? '';
    const y = a[i] ?? '';
    let at = 0;
    while (at < x.length && x[at] === y[at]) at++;
    out.push(`${(y || x).split(':')[0]}: …${x.slice(Math.max(0, at - 60), at + 120)}… → …${y.slice(Math.max(0, at - 60), at + 120)}…`);
  }
  return out.join('\n');
}

/**
 * Rejected requests must leave every row as it was. A rejection the parsers produce is checked with
 * its batch (one snapshot for many); when a batch moved the database, each request of it is replayed
 * alone so that the failure names the culprit. Other rejections are checked at once.
 */
class Ledger {
  private baseline: string | undefined;
  private batch: { t: Target; a: Attempt }[] = [];
  readonly failures: string[] = [];

  async before(): Promise<void> {
    this.baseline ??= await snapshotDb();
  }

  async deferred(t: Target, a: Attempt): Promise<void> {
    this.batch.push({ t, a });
    if (this.batch.length >= BATCH) await this.settle();
  }

  async checkNow(t: Target, a: Attempt, status: number): Promise<void> {
    const now = await snapshotDb();
    if (now !== this.baseline)
      this.failures.push(`${t.name} with ${a.label} answered ${status} but changed the database:\n${describeChange(this.baseline!, now)}`);
    this.baseline = now;
  }

  /** A request that succeeded may change the database: the next one starts from a new baseline. */
  moved(): void {
    this.baseline = undefined;
  }

  /** After a failed check the state is unknown: start over. */
  reset(): void {
    this.batch = [];
    this.baseline = undefined;
  }

  async settle(): Promise<void> {
    if (this.batch.length === 0) return;
    const batch = this.batch;
    this.batch = [];
    const now = await snapshotDb();
    if (now === this.baseline) return;
    const change = describeChange(this.baseline!, now);
    let culprit = `one of ${batch.map(({ t, a }) => `${t.name} with ${a.label}`).join('; ')}`;
    for (const { t, a } of batch) {
      const before = await snapshotDb();
      const answer = await send(t, a);
      const after = await snapshotDb();
      if (after !== before) {
        culprit = `${t.name} with ${a.label} (answered ${answer.status})`;
        break;
      }
    }
    this.failures.push(`${culprit} was rejected but changed the database:\n${change}`);
    this.baseline = await snapshotDb();
  }
}

const ledger = new Ledger();

async function fire(t: Target, a: Attempt): Promise<void> {
  if (!a.expect) await ledger.settle();
  await ledger.before();
  const answer = await send(t, a);
  try {
    checkAnswer(t, a, answer);
  } catch (err) {
    ledger.reset();
    throw err;
  }
  if (a.expect) await ledger.deferred(t, a);
  else if (answer.status >= 400) await ledger.checkNow(t, a, answer.status);
  else ledger.moved();
}

async function finish(): Promise<void> {
  await ledger.settle();
  const failures = ledger.failures.splice(0);
  expect(failures, failures.join('\n\n')).toEqual([]);
}

// The tests.

beforeAll(async () => {
  setLogDestinationForTests(errorLog);
  [alice, root] = await Promise.all([createTestUser(), createTestUser({ role: 'admin' })]);
  aliceDevice = idOf(await create('/api/devices', { label: 'Fuzz phone', platform: 'ios' }));
  pool.push(
    idOf(await create('/api/mood/activities', { label: 'Run' })),
    aliceDevice,
    idOf(await create('/api/books', { title: 'Pooled', totalPages: 50 })),
    idOf(await create('/api/habits', { name: 'Pooled', cadence: 'daily' })),
    idOf(await create('/api/quests', { title: 'Pooled', target: 3, xpReward: 1 })),
  );
});

afterAll(() => setLogDestinationForTests(undefined));

describe('the fuzz covers every mutating route', () => {
  it('finds them, each built with route() or publicRoute(), and only next-auth and the unknown-path 404 are left out', () => {
    expect(targets.length).toBeGreaterThan(50);
    const bare = targets.filter((t) => !t.handler.schemas).map((t) => t.name);
    expect(bare, 'not built with route()/publicRoute(): the fuzz cannot read their schemas').toEqual([]);
    expect(Object.keys(EXCLUDED).filter((p) => !Object.keys(modules).some((f) => routePath(f) === p))).toEqual([]);
  });

  it('has a valid example body for every route that reads one', () => {
    for (const t of targets.filter((x) => x.schemas.body)) {
      const example = EXAMPLES[t.name];
      expect(example, `add a valid example body for ${t.name} to EXAMPLES`).toBeDefined();
      const parsed = t.schemas.body!.safeParse(example());
      expect(parsed.success, `the example body of ${t.name} is invalid: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
    }
  });
});

describe('the database check', () => {
  it('names the one rejected request of a batch that changed the database', async () => {
    const books = modules['/app/api/books/route.ts'].POST!;
    // A route that answers 400 and, when asked to, writes first: what the ledger exists to catch.
    const sneaky: Handler = async (req) => {
      if (new URL(req.url).searchParams.has('write'))
        await call(books, '/api/books', { method: 'POST', cookie: alice.cookie, body: { title: 'Sneaky', totalPages: 1 } });
      return Response.json({ error: { code: 'validation_failed', message: 'No' } }, { status: 400 });
    };
    const t: Target = { name: 'POST /sneaky', pattern: '/sneaky', method: 'POST', handler: sneaky, schemas: { auth: 'user' } };
    ledger.reset();
    for (let i = 0; i < 6; i++)
      await fire(t, { label: `request ${i}`, url: i === 4 ? '/sneaky?write' : '/sneaky', params: {}, headers: {}, expect: VALIDATION });
    await ledger.settle();
    expect(ledger.failures.splice(0)).toEqual([
      expect.stringMatching(/^POST \/sneaky with request 4 \(answered 400\) was rejected but changed the database:\nbooks: /),
    ]);
  });
});

describe.each(targets)('$name', (t) => {
  let base: { url: string; params: Record<string, string> };
  let realId: string | undefined;
  let example: unknown;

  beforeAll(async () => {
    realId = isDynamic(t.pattern) ? await parentId(t.pattern) : undefined;
    base = concrete(t.pattern, realId ?? '');
    example = EXAMPLES[t.name]?.() ?? {};
  });

  it('answers every hostile input class below 500, as the JSON error, and a rejection changes nothing', async () => {
    ledger.reset();
    for (const family of hostileClasses(t, base, example, realId)) {
      for (const attempt of family.attempts) await fire(t, { ...attempt, label: `${family.name}: ${attempt.label}` });
    }
    await finish();
  });

  const schema = t.schemas.body ?? (t.schemas.auth !== 'public' ? t.schemas.query : undefined);
  const seed = SEED + targets.indexOf(t);
  if (schema) {
    it(`survives ${SCHEMA_RUNS} near-valid ${t.schemas.body ? 'bodies' : 'queries'} derived from its schema (fast-check, seed ${seed})`, async () => {
      const derived = validish(jsonSchemaOf(schema), { uuids: pool, refs: { '#/components/schemas/SyncChange': syncChangeJsonSchema() } });
      const near = fc.oneof(
        { weight: 4, arbitrary: fc.tuple(fc.oneof(fc.constant(example), derived), mutation).map(([value, m]) => mutate(value, m)) },
        { weight: 1, arbitrary: derived.map((body) => ({ body, note: 'as derived' })) },
      );
      ledger.reset();
      await fc.assert(
        fc.asyncProperty(near, async ({ body, note }) => {
          const attempt = t.schemas.body ? jsonAttempt(t, base, `near-valid body (${note})`, body) : queryAttempt(t, base, note, body, example);
          await fire(t, attempt);
        }),
        { seed, numRuns: SCHEMA_RUNS },
      );
      await finish();
    });
  } else if (isDynamic(t.pattern)) {
    it(`survives ${ID_RUNS} generated path ids (fast-check, seed ${seed})`, async () => {
      const ids = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS, realId!), fc.string({ unit: 'binary', maxLength: 60 }), fc.uuid());
      ledger.reset();
      await fc.assert(
        fc.asyncProperty(ids, async (id) => fire(t, jsonAttempt(t, concrete(t.pattern, id), `id ${JSON.stringify(id.slice(0, 40))}`, example))),
        { seed, numRuns: ID_RUNS },
      );
      await finish();
    });
  }
});

describe('after the fuzz', () => {
  it('every GET route still reads what the fuzz stored without a 5xx', async () => {
    const now = Date.now();
    const queries = [
      `deviceId=${aliceDevice}&clientId=fuzz-client&since=0&from=0&to=${366 * 24 * 3600_000}`,
      `deviceId=${aliceDevice}&clientId=fuzz-client&from=${now - 3600_000}&to=${now + 3600_000}`,
    ];
    for (const file of Object.keys(modules).sort()) {
      const pattern = routePath(file);
      const handler = modules[file].GET;
      if (!handler || pattern in EXCLUDED) continue;
      const { url, params } = concrete(pattern, pool[0]);
      for (const search of queries) {
        errorLog.lines = [];
        const res = await call(handler, `${url}?${search}`, { cookie: handler.schemas?.auth === 'admin' ? root.cookie : alice.cookie, params });
        // An event stream never ends: its headers are the answer.
        const text = res.headers.get('content-type')?.includes('text/event-stream') ? await res.body?.cancel().then(() => '') : await res.text();
        expect(res.status, `GET ${pattern}?${search} answered ${res.status} ${text?.slice(0, 300)}\n${errorLog.lines.join('\n')}`).toBeLessThan(500);
      }
    }
  });
});
