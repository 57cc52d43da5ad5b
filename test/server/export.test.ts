import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as exportRoute } from '@/app/api/me/export/route';
import { createApiKey } from '@/lib/server/domains/devices/api-keys';
import { registerDevice } from '@/lib/server/domains/devices/devices';
import { uploadFromDevice } from '@/lib/server/domains/devices/record-sync';
import { openExport } from '@/lib/server/domains/export/service';
import { EXPORT_DOMAINS } from '@/lib/server/domains/export/tables';
import { deleteHabit } from '@/lib/server/domains/habits/service';
import { generateTodayPlan } from '@/lib/server/domains/plan/service';
import { registerDeviceToken } from '@/lib/server/domains/push-tokens/device-tokens';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { acceptTerms, currentTerms } from '@/lib/server/domains/terms/service';
import { getClient } from '@/lib/server/platform/db/client';
import * as schema from '@/lib/server/schema';
import { TaskDocument } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import { nativeOpenApi } from '@/lib/shared/openapi/native';
import { SYNC_ENTITY_TYPES, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import { call, createTestUser, type TestUser } from './helpers';

// The data export (GET /api/me/export): every file, every row of the caller's compared with the
// database, none of another user's, RFC 4180 CSV with the formula guard, no secret, and streaming.

const FORMULA = '=HYPERLINK("http://evil.test","a, b")';
const NOTES = 'line one\nline "two", with a comma';

interface Seeded extends TestUser {
  marker: string;
  apiKey: string;
  pushToken: string;
  records: Record<SyncEntityType, string>;
  deletedHabit: string;
  taskTitle: string;
}

async function seed(name: string): Promise<Seeded> {
  const user = await createTestUser({ timezone: 'Pacific/Kiritimati' });
  const ctx = { userId: user.id };
  const marker = `${name}-${randomUUID().slice(0, 8)}`;
  const device = await registerDevice(ctx, { label: `${marker} phone`, platform: 'ios' });
  const { key: apiKey } = await createApiKey(ctx, { label: `${marker} key` });
  const pushToken = randomBytes(32).toString('hex');
  await registerDeviceToken(ctx, { token: pushToken, platform: 'ios', deviceId: device.id });
  await acceptTerms(ctx, (await currentTerms()).version);
  const t = Date.now();
  const types = SYNC_ENTITY_TYPES;
  const records = Object.fromEntries(types.map((type) => [type, randomUUID()])) as Record<SyncEntityType, string>;
  const deletedHabit = randomUUID();
  const data: Record<SyncEntityType, Record<string, unknown>> = {
    habits: { name: FORMULA, cadence: 'daily' },
    habit_logs: { habitId: records.habits, day: localDay(t, 'Pacific/Kiritimati') },
    books: { title: `${marker} Café ☕`, author: '+Author', totalPages: 100 },
    reading_sessions: { bookId: records.books, pages: 5, minutes: 10, readAt: t },
    quests: { title: `${marker} quest`, description: '@mention', target: 3, xpReward: 10 },
    planner_events: { title: `${marker} event`, startsAt: t, endsAt: t + 3600_000, notes: NOTES },
    focus_sessions: {
      taskTitle: `${marker} focus`,
      mode: 'focus',
      plannedMinutes: 25,
      status: 'completed',
      startedAt: t - 3600_000,
      endedAt: t - 60_000,
      focusMs: 1500_000,
    },
    mood_entries: { score: 7, activityIds: [records.activities], notes: '-2+3 mood', recordedAt: t },
    activities: { label: `${marker} walk` },
    assessments: { kind: 'mood-check', payload: { note: marker }, score: 3, takenAt: t },
    schedules: { assessmentKind: 'mood-check', cadence: 'daily', nextDueAt: t + 86_400_000 },
  };
  const changes = [
    ...types.map((entityType) => ({ entityType, id: records[entityType], data: data[entityType], updatedAt: t, deleted: false })),
    { entityType: 'habits', id: deletedHabit, data: { name: `${marker} gone`, cadence: 'daily' }, updatedAt: t, deleted: false },
  ];
  expect((await uploadFromDevice({ userId: user.id, deviceId: device.id }, { deviceId: device.id, changes })).applied).toHaveLength(changes.length);
  await deleteHabit(ctx, deletedHabit);
  const clientId = randomUUID();
  const doc = new TaskDocument({ actor: clientId });
  const list = doc.createList(`${marker} list`);
  const taskTitle = `${marker} task`;
  await pushTasks(ctx, {
    clientId,
    ops: [list, doc.addTask(list.payload.listId, { title: taskTitle, notes: NOTES, dueDay: localDay(t, 'Pacific/Kiritimati') })],
  });
  await generateTodayPlan(ctx, { focusGoalMinutes: 45 });
  return { ...user, marker, apiKey, pushToken, records, deletedHabit, taskTitle };
}

type Files = Record<string, string>;

// ignoreBOM: keep the CSV files' byte-order mark, to check it is there.
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

async function unzip(res: Response): Promise<Files> {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  return Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, utf8.decode(bytes)]));
}

/** RFC 4180: records end with CRLF, a quoted field may hold commas, quotes (doubled) and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  expect(field, 'the last record ends with CRLF').toBe('');
  return rows;
}

/** A CSV file as objects keyed by its header (after the byte-order mark). */
function csvRecords(text: string): Record<string, string>[] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const [header, ...rows] = parseCsv(text.slice(1));
  for (const r of rows) expect(r).toHaveLength(header.length);
  return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** Which SQL table each exported synced table reads, to compare with the database. */
const SYNCED: Record<string, string> = {
  focusSessions: 'focus_sessions',
  dailyPlans: 'daily_plans',
  planItems: 'plan_items',
  events: 'planner_events',
  quests: 'quests',
  habits: 'habits',
  habitLogs: 'habit_logs',
  books: 'books',
  readingSessions: 'reading_sessions',
  moodEntries: 'mood_entries',
  activities: 'activities',
  checkins: 'assessments',
  checkinSchedules: 'schedules',
};
const OTHER: Record<string, string> = { devices: 'devices WHERE deleted_at IS NULL AND', apiKeys: 'api_keys WHERE', deviceTokens: 'device_tokens WHERE' };

/** Tables of a user's that the export writes under another name, checked one by one below. */
const EXPORTED_ELSEWHERE: Record<string, string> = { users: 'profile', sessions: 'signIns', terms_acceptances: 'termsAccepted' };
/** A user's tables the export leaves out, and why. */
const NOT_EXPORTED: Record<string, string> = {
  ops: 'the task op log: tasks are exported as they stand (tasks.json)',
  snapshots: 'the materialised task state, which is tasks.json',
  sync_clients: 'task sync cursors of the user’s browsers and devices',
  scope_versions: 'freshness counters behind the ETags',
  user_counters: 'sequence counters of sync',
  idempotency_keys: 'the first answers to writes sent with an Idempotency-Key, kept 24 h to replay them',
  focus_session_timing: 'the running timer’s grace deadline and skipped breaks: bookkeeping of a session, whose times and focus are in focus.json',
};

async function idsInDb(key: string, userId: string): Promise<string[]> {
  const from = SYNCED[key] ? `${SYNCED[key]} WHERE deleted_at IS NULL AND` : OTHER[key];
  const { rows } = await getClient().execute({ sql: `SELECT id FROM ${from} user_id = ? ORDER BY id`, args: [userId] });
  return rows.map((r) => String(r.id));
}

const exportOf = (user: { cookie: string }, headers: Record<string, string> = {}) => call(exportRoute, '/api/me/export', { cookie: user.cookie, headers });

let alice: Seeded;
let bob: Seeded;
let files: Files;

beforeAll(async () => {
  [alice, bob] = [await seed('alice'), await seed('bob')];
  const res = await exportOf(alice);
  expect(res.status).toBe(200);
  files = await unzip(res);
}, 60_000);

describe('GET /api/me/export', () => {
  it('answers a ZIP download named by the day in the user’s time zone, never cached', async () => {
    const res = await exportOf(bob);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="passion-os-export-${localDay(Date.now(), 'Pacific/Kiritimati')}.zip"`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toBeInstanceOf(ReadableStream);
    await res.body?.cancel();
  });

  it('is in the OpenAPI document as a binary ZIP for keys and sessions', () => {
    const op = nativeOpenApi().paths['/api/me/export']?.get;
    expect(op?.security).toEqual([{ bearer: [] }, { session: [] }]);
    expect(Object.keys(op?.responses['200'].content ?? {})).toEqual(['application/zip']);
    expect(op?.responses['200'].content?.['application/zip'].schema).toMatchObject({ type: 'string', contentMediaType: 'application/zip' });
    expect(Object.keys(op?.responses ?? {}).sort()).toEqual(['200', '400', '401', '403']);
  });

  it('holds README.txt, one JSON file per domain and one CSV per table, and README describes each of them', () => {
    const expected = [
      'README.txt',
      ...EXPORT_DOMAINS.map((d) => `json/${d.json}`),
      ...EXPORT_DOMAINS.flatMap((d) => d.tables.flatMap((t) => (t.csv ? [`csv/${t.csv}`] : []))),
    ];
    expect(Object.keys(files).sort()).toEqual(expected.sort());
    expect(expected).toEqual(
      expect.arrayContaining([
        'json/tasks.json',
        'csv/tasks.csv',
        'csv/task-lists.csv',
        'csv/habits.csv',
        'csv/habit-logs.csv',
        'csv/mood-entries.csv',
        'csv/checkins.csv',
      ]),
    );
    for (const name of expected.filter((n) => n !== 'README.txt')) expect(files['README.txt'], name).toContain(name);
    expect(files['README.txt']).toMatch(/single quote \(’?'?\) in front/);
    expect(files['README.txt']).toContain('RFC 4180');
  });

  it('covers every table holding a user’s rows: exported, or named in the test with why not (a new table fails here)', () => {
    const owned = (Object.values(schema) as unknown[])
      .filter((t): t is SQLiteTable => is(t, SQLiteTable))
      .map((t) => getTableConfig(t))
      .filter((t) => t.name === 'users' || t.columns.some((c) => c.name === 'user_id'))
      .map((t) => t.name);
    const accounted = [...Object.values(SYNCED), 'devices', 'api_keys', 'device_tokens', ...Object.keys(EXPORTED_ELSEWHERE), ...Object.keys(NOT_EXPORTED)];
    expect(owned.sort()).toEqual(accounted.sort());
  });

  it('holds every live row of the user’s, in JSON and in CSV, the same as the database', async () => {
    for (const domain of EXPORT_DOMAINS) {
      const json = JSON.parse(files[`json/${domain.json}`]);
      expect(Date.parse(json.exportedAt)).toBeGreaterThan(0);
      for (const table of domain.tables) {
        if (!(table.key in SYNCED || table.key in OTHER)) continue;
        const inDb = await idsInDb(table.key, alice.id);
        expect(inDb.length, `${table.key} has rows to export`).toBeGreaterThan(0);
        expect(json[table.key].map((r: { id: string }) => r.id).sort(), `json ${table.key}`).toEqual(inDb);
        expect(
          csvRecords(files[`csv/${table.csv}`])
            .map((r) => r.id)
            .sort(),
          `csv ${table.key}`,
        ).toEqual(inDb);
      }
    }
    // Every CSV file: its header is the table's columns, and it has as many records as the JSON table.
    for (const domain of EXPORT_DOMAINS) {
      const json = JSON.parse(files[`json/${domain.json}`]);
      for (const table of domain.tables.filter((t) => t.csv)) {
        const text = files[`csv/${table.csv}`];
        expect(parseCsv(text.slice(1))[0], `${table.csv} header`).toEqual(table.columns.map((c) => c.name));
        expect(csvRecords(text), `${table.csv} records`).toHaveLength(json[table.key].length);
      }
    }
    const habits = JSON.parse(files['json/habits.json']);
    expect(habits.habits.map((h: { id: string }) => h.id)).not.toContain(alice.deletedHabit);
    expect(habits.habitLogs).toEqual([expect.objectContaining({ habitId: alice.records.habits })]);
  });

  it('exports the tasks as they stand, the profile, terms, sign-ins and plan', () => {
    const tasks = JSON.parse(files['json/tasks.json']);
    expect(tasks.lists).toEqual([expect.objectContaining({ name: `${alice.marker} list`, archived: false })]);
    expect(tasks.tasks).toEqual([expect.objectContaining({ title: alice.taskTitle, notes: NOTES, completed: false, order: 1, listId: tasks.lists[0].id })]);
    expect(csvRecords(files['csv/tasks.csv'])).toEqual([expect.objectContaining({ title: alice.taskTitle, notes: NOTES, completed: 'false' })]);
    const account = JSON.parse(files['json/account.json']);
    expect(account.profile).toEqual(expect.objectContaining({ id: alice.id, email: alice.email, timezone: 'Pacific/Kiritimati' }));
    expect(account.profile.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(account.termsAccepted).toHaveLength(1);
    expect(account.signIns).toHaveLength(1);
    const plan = JSON.parse(files['json/plan.json']);
    expect(plan.dailyPlans).toEqual([expect.objectContaining({ focusGoalMinutes: 45 })]);
    expect(plan.planItems.map((i: { title: string }) => i.title)).toEqual(expect.arrayContaining([alice.taskTitle]));
  });

  it('writes CSV per RFC 4180 with the formula guard, and JSON with the text unchanged', () => {
    const habitsCsv = files['csv/habits.csv'];
    expect(habitsCsv).toContain(`"'=HYPERLINK(""http://evil.test"",""a, b"")"`);
    expect(csvRecords(habitsCsv)[0].name).toBe(`'${FORMULA}`);
    expect(JSON.parse(files['json/habits.json']).habits[0].name).toBe(FORMULA);
    expect(csvRecords(files['csv/books.csv'])[0]).toEqual(expect.objectContaining({ title: `${alice.marker} Café ☕`, author: "'+Author" }));
    expect(csvRecords(files['csv/quests.csv'])[0].description).toBe("'@mention");
    expect(csvRecords(files['csv/mood-entries.csv'])[0]).toEqual(
      expect.objectContaining({ notes: "'-2+3 mood", score: '7', activityIds: alice.records.activities }),
    );
    expect(csvRecords(files['csv/planner-events.csv'])[0].notes).toBe(NOTES);
    expect(csvRecords(files['csv/checkins.csv'])[0].payload).toBe(JSON.stringify({ note: alice.marker }));
    for (const [name, text] of Object.entries(files).filter(([n]) => n.endsWith('.csv'))) {
      expect(
        text
          .replace(/"[^"]*(?:""[^"]*)*"/g, '')
          .match(/\r?\n/g)
          ?.every((eol) => eol === '\r\n'),
        `${name} ends every record with CRLF`,
      ).toBe(true);
    }
  });

  it('never holds a secret: no password hash, API key or key hash, and push tokens shortened', async () => {
    const all = Object.values(files).join('\n');
    const { rows } = await getClient().execute({
      sql: 'SELECT u.password_hash AS p, k.secret_hash AS s FROM users u JOIN api_keys k ON k.user_id = u.id WHERE u.id = ?',
      args: [alice.id],
    });
    expect(all).not.toContain(String(rows[0].p));
    expect(all).not.toContain(String(rows[0].s));
    expect(all).not.toContain(alice.apiKey);
    // The secret is all after `pos_<id>_`: base64url, so it may hold underscores itself.
    expect(all).not.toContain(alice.apiKey.split('_').slice(2).join('_'));
    expect(all).not.toContain(alice.pushToken);
    expect(all).not.toContain(alice.pushToken.slice(0, 9));
    expect(JSON.parse(files['json/devices.json']).deviceTokens).toEqual([expect.objectContaining({ token: `${alice.pushToken.slice(0, 8)}…` })]);
    expect(JSON.parse(files['json/devices.json']).apiKeys).toEqual([
      expect.objectContaining({ label: `${alice.marker} key`, prefix: alice.apiKey.slice(0, 16) }),
    ]);
    expect(all).not.toMatch(/passwordHash|secretHash/);
  });

  it('holds nothing of another user’s', () => {
    const all = Object.values(files).join('\n');
    expect(all).toContain(alice.marker);
    for (const trace of [bob.id, bob.email, bob.marker, bob.taskTitle, bob.pushToken.slice(0, 8), ...Object.values(bob.records)])
      expect(all).not.toContain(trace);
  });

  it('lets an API key export its own user’s data, and refuses no credentials and a cross-site page', async () => {
    const withKey = await call(exportRoute, '/api/me/export', { headers: { authorization: `Bearer ${bob.apiKey}` } });
    expect(withKey.status).toBe(200);
    const bobs = await unzip(withKey);
    expect(JSON.parse(bobs['json/account.json']).profile.email).toBe(bob.email);
    expect(Object.values(bobs).join('\n')).not.toContain(alice.marker);
    expect((await call(exportRoute, '/api/me/export')).status).toBe(401);
    const crossSite = await exportOf(alice, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe('forbidden');
    expect((await exportOf(alice, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });
});

describe('npm run cli -- user:export', () => {
  function cli(...args: string[]) {
    const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', ...args], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  it('writes the same archive for a self-hoster, and never overwrites a file', { timeout: 120_000 }, () => {
    const out = join(mkdtempSync(join(tmpdir(), 'export-cli-')), 'alice.zip');
    const done = cli('user:export', '--email', alice.email, '--out', out);
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(new RegExp(`^exported to ${out} \\(\\d+ bytes\\)\\n$`));
    const zip = unzipSync(readFileSync(out));
    const tasks = JSON.parse(utf8.decode(zip['json/tasks.json']));
    expect(tasks.tasks.map((t: { title: string }) => t.title)).toEqual([alice.taskTitle]);
    expect(utf8.decode(zip['csv/habits.csv'])).toContain(alice.records.habits);
    expect(Object.keys(zip).sort()).toEqual(Object.keys(files).sort());

    const again = cli('user:export', '--email', alice.email, '--out', out);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });
});

describe('the export streams', () => {
  const LOGS = 3000;
  let user: TestUser;

  beforeAll(async () => {
    user = await createTestUser();
    const device = await registerDevice({ userId: user.id }, { label: 'seed', platform: 'ios' });
    const habitId = randomUUID();
    const t = Date.now();
    const changes = [{ entityType: 'habits', id: habitId, data: { name: 'Walk', cadence: 'daily' }, updatedAt: t, deleted: false }];
    for (let i = 0; i < LOGS; i++) {
      const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
      changes.push({ entityType: 'habit_logs', id: randomUUID(), data: { habitId, day } as never, updatedAt: t, deleted: false });
    }
    for (let i = 0; i < changes.length; i += 500) {
      await uploadFromDevice({ userId: user.id, deviceId: device.id }, { deviceId: device.id, changes: changes.slice(i, i + 500) });
    }
  }, 60_000);

  it('sends its first bytes before the rows are read, reads only as the reader takes bytes, and stops when cancelled', async () => {
    let logsRead = 0;
    let pages = 0;
    const { body } = await openExport(
      { userId: user.id },
      {
        pageSize: 50,
        onPage: (table, rows) => {
          pages += 1;
          if (table === 'habitLogs') logsRead += rows;
        },
      },
    );
    const reader = body.getReader();
    const first = await reader.read();
    expect(first.value?.byteLength).toBeGreaterThan(0);
    // The ZIP starts with README.txt: no table has been read yet.
    expect(pages).toBe(0);

    // Read on until some of the habit logs have gone out, then stop taking bytes.
    let received = first.value!.byteLength;
    while (logsRead === 0) received += (await reader.read()).value!.byteLength;
    expect(logsRead).toBeLessThan(LOGS);
    const atPause = logsRead;
    // Nothing reads while nobody takes the bytes (a stream that ran ahead would read all 3,000 now).
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(logsRead).toBe(atPause);

    // Each further chunk costs a bounded number of pages, not the rest of the table.
    const before = logsRead;
    received += (await reader.read()).value!.byteLength;
    expect(logsRead - before).toBeLessThan(LOGS / 2);

    await reader.cancel();
    const atCancel = pages;
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(pages).toBe(atCancel);
    expect(logsRead).toBeLessThan(LOGS);
    expect(received).toBeGreaterThan(0);
  });

  it('reads every row in pages of the given size and writes them all', async () => {
    const pageSizes: number[] = [];
    const { body } = await openExport({ userId: user.id }, { pageSize: 500, onPage: (table, rows) => table === 'habitLogs' && pageSizes.push(rows) });
    const files = await unzip(new Response(body));
    // Read twice (json/ and csv/), in full pages but the last.
    expect(pageSizes).toEqual([500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500]);
    expect(JSON.parse(files['json/habits.json']).habitLogs).toHaveLength(LOGS);
    expect(csvRecords(files['csv/habit-logs.csv'])).toHaveLength(LOGS);
  });
});
