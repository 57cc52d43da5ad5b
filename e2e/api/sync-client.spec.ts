import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from '@libsql/client';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { addDays, localDay } from '../../lib/shared/days';
import { SYNC_ENTITY_TYPES } from '../../lib/shared/schemas/records-sync';
import { NetworkError, ServerError, SyncApi, type FetchLike } from '../../scripts/sync-client/api';
import { configureClient } from '../../scripts/sync-client/configure';
import { addRecord, deleteRecord, editRecord } from '../../scripts/sync-client/edits';
import { LocalStore, type LocalRecord } from '../../scripts/sync-client/store';
import { syncOnce } from '../../scripts/sync-client/sync';
import { apiUser, listen, type ApiUser } from '../sse-helpers';

// Record sync v1 end to end (seed 002, phase 6): two reference clients, each with its own local
// database, against the real server over HTTP, and the web app's own API beside them.

interface Native {
  store: LocalStore;
  api: SyncApi;
  deviceId: string;
  /** The local database file. */
  path: string;
  /** Every local record of every table, tombstones and set-aside changes included, to compare before and after a failed sync. */
  snapshot: () => Promise<string>;
}

/** Runs SQL on a client's database file from outside, as a crash or another program would leave it. */
async function onFile(path: string, sql: string, args: (string | number | null)[] = []): Promise<void> {
  const file = createClient({ url: `file:${path}` });
  try {
    await file.execute({ sql, args });
  } finally {
    file.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'passion-sync-client-'));
let dbCount = 0;

async function apiKeyFor(request: APIRequestContext, baseURL: string, user: ApiUser): Promise<string> {
  const res = await request.post('/api/api-keys', { data: { label: 'e2e client' }, headers: { cookie: user.cookie, origin: baseURL } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).key;
}

async function native(baseURL: string, key: string, label: string, fetchImpl?: FetchLike): Promise<Native> {
  dbCount += 1;
  const path = join(dir, `${label}-${dbCount}.db`);
  const store = await LocalStore.open(path);
  const api = new SyncApi(baseURL, key, fetchImpl);
  const { device } = await configureClient(store, api, { server: baseURL, apiKey: key, deviceLabel: label, platform: 'cli' });
  const snapshot = async () => {
    const state = await store.state();
    const rows: LocalRecord[] = [];
    for (const type of SYNC_ENTITY_TYPES) rows.push(...(await store.list(type, true)));
    return JSON.stringify({ state, rows, setAside: await store.setAside() });
  };
  return { store, api, deviceId: device.id, path, snapshot };
}

const live = async (client: Native, type: 'habits' | 'books' | 'mood_entries') =>
  (await client.store.list(type)).map((r) => ({ id: r.id, data: r.data, dirty: r.dirty }));

test.describe('two reference clients syncing through the real HTTP API', () => {
  let user: ApiUser;
  let key: string;
  let request: APIRequestContext;

  test.beforeEach(async ({ playwright, baseURL }) => {
    request = await playwright.request.newContext({ baseURL });
    user = await apiUser(request, 'native');
    key = await apiKeyFor(request, baseURL!, user);
  });

  test.afterEach(async () => {
    await request.dispose();
  });

  test('a record created on A reaches B, and a web page sees it after its ETag changes', async ({ baseURL }) => {
    const [a, b] = [await native(baseURL!, key, 'a'), await native(baseURL!, key, 'b')];
    const before = await request.get('/api/habits', { headers: { cookie: user.cookie } });
    const etag = before.headers().etag;

    const created = await addRecord(a.store, 'habits', { name: 'Meditate', cadence: 'daily' }, Date.now());
    const upload = await syncOnce(a.store, a.api);
    expect(upload).toMatchObject({ uploaded: 1, applied: 1, conflicts: [] });
    expect((await a.store.counts()).pending).toBe(0);

    const down = await syncOnce(b.store, b.api);
    expect(down.downloaded).toBe(1);
    expect(await live(b, 'habits')).toEqual([{ id: created.id, data: created.data, dirty: false }]);

    const web = await request.get('/api/habits', { headers: { cookie: user.cookie, 'if-none-match': etag } });
    expect(web.status()).toBe(200);
    expect((await web.json()).habits.map((h: { id: string }) => h.id)).toEqual([created.id]);
  });

  test('concurrent edits resolve by last write wins and the losing client is told about the conflict', async ({ baseURL }) => {
    const [a, b] = [await native(baseURL!, key, 'a'), await native(baseURL!, key, 'b')];
    const t = Date.now();
    const book = await addRecord(a.store, 'books', { title: 'Dune', totalPages: 412 }, t);
    await syncOnce(a.store, a.api);
    await syncOnce(b.store, b.api);

    // Both edit offline; B's edit is the later one, and B happens to sync first.
    await editRecord(a.store, 'books', book.id, { title: 'Dune (A)' }, t + 1000);
    await editRecord(b.store, 'books', book.id, { title: 'Dune (B)' }, t + 2000);
    expect((await syncOnce(b.store, b.api)).conflicts).toEqual([]);
    const loser = await syncOnce(a.store, a.api);
    expect(loser.applied).toBe(0);
    expect(loser.conflicts).toEqual([
      expect.objectContaining({
        entityType: 'books',
        id: book.id,
        server: expect.objectContaining({ updatedAt: t + 2000, data: expect.objectContaining({ title: 'Dune (B)' }) }),
      }),
    ]);
    await syncOnce(b.store, b.api);

    for (const client of [a, b]) expect((await live(client, 'books')).map((r) => [r.data?.title, r.dirty])).toEqual([['Dune (B)', false]]);
  });

  test('a delete on one client propagates to the other', async ({ baseURL }) => {
    const [a, b] = [await native(baseURL!, key, 'a'), await native(baseURL!, key, 'b')];
    const mood = await addRecord(a.store, 'mood_entries', { score: 6, notes: 'fine' }, Date.now());
    await syncOnce(a.store, a.api);
    await syncOnce(b.store, b.api);
    expect(await live(b, 'mood_entries')).toHaveLength(1);

    await deleteRecord(b.store, 'mood_entries', mood.id, Date.now() + 1);
    await syncOnce(b.store, b.api);
    await syncOnce(a.store, a.api);
    expect(await live(a, 'mood_entries')).toEqual([]);
    expect((await a.store.get('mood_entries', mood.id))?.deleted).toBe(true);
  });

  test('an edit made on the web reaches a native client, and a native upload nudges the browser’s stream', async ({ baseURL }) => {
    const a = await native(baseURL!, key, 'a');
    const browser = listen(baseURL!, user.cookie, 'browser-tab');
    await browser.opened;

    const res = await request.post('/api/habits', {
      data: { name: 'Walk', cadence: 'weekly', timesPerWeek: 3 },
      headers: { cookie: user.cookie, origin: baseURL!, 'x-device-id': 'browser-tab' },
    });
    expect(res.status()).toBe(201);
    const habit = await res.json();
    await syncOnce(a.store, a.api);
    expect(await live(a, 'habits')).toEqual([
      { id: habit.id, data: expect.objectContaining({ name: 'Walk', cadence: 'weekly', timesPerWeek: 3 }), dirty: false },
    ]);

    await editRecord(a.store, 'habits', habit.id, { name: 'Long walk' }, Date.now() + 1);
    await syncOnce(a.store, a.api);
    await expect.poll(() => browser.events.map((e) => e.sourceDeviceId)).toContain(a.deviceId);
    expect(browser.events.find((e) => e.sourceDeviceId === a.deviceId)?.changedScopes).toEqual(expect.arrayContaining(['habits']));
    browser.close();
    const page = await request.get('/api/habits', { headers: { cookie: user.cookie } });
    expect((await page.json()).habits.map((h: { name: string }) => h.name)).toEqual(['Long walk']);
  });

  test('when the answer to a committed upload is lost, nothing changes locally and the retry applies nothing twice and loses nothing', async ({ baseURL }) => {
    let dropUploadAnswer = true;
    const flaky: FetchLike = async (input, init) => {
      const res = await fetch(input, init);
      if (dropUploadAnswer && input.includes('/api/v1/sync/upload')) {
        await res.arrayBuffer(); // the server has committed and answered; the answer never arrives
        throw new TypeError('socket hang up');
      }
      return res;
    };
    const [a, b] = [await native(baseURL!, key, 'a', flaky), await native(baseURL!, key, 'b')];
    const t = Date.now();
    const records = [
      await addRecord(a.store, 'habits', { name: 'Journal', cadence: 'daily' }, t),
      await addRecord(a.store, 'books', { title: 'Emma', totalPages: 474 }, t),
      await addRecord(a.store, 'mood_entries', { score: 8 }, t),
    ];
    const before = await a.snapshot();
    await expect(syncOnce(a.store, a.api)).rejects.toBeInstanceOf(NetworkError);
    expect(await a.snapshot()).toBe(before);
    expect((await a.store.counts()).pending).toBe(3);

    // The server did commit: B already sees the records.
    const first = await syncOnce(b.store, b.api);
    expect(first.downloaded).toBe(3);
    const versionsBefore = await request.get(`/api/v1/sync/download?deviceId=${b.deviceId}&since=0`, { headers: { authorization: `Bearer ${key}` } });
    const stampedBefore = (await versionsBefore.json()).changes.map((c: { id: string; serverVersion: number }) => [c.id, c.serverVersion]);

    dropUploadAnswer = false;
    const retry = await syncOnce(a.store, a.api);
    expect(retry).toMatchObject({ uploaded: 3, applied: 3, conflicts: [] });
    expect((await a.store.counts()).pending).toBe(0);

    const versionsAfter = await request.get(`/api/v1/sync/download?deviceId=${b.deviceId}&since=0`, { headers: { authorization: `Bearer ${key}` } });
    const after = await versionsAfter.json();
    expect(after.changes.map((c: { id: string; serverVersion: number }) => [c.id, c.serverVersion])).toEqual(stampedBefore);
    expect(after.changes.map((c: { id: string }) => c.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect((await syncOnce(b.store, b.api)).downloaded).toBe(0);
  });

  test('a server error during download leaves the local database exactly as before, and the retry completes', async ({ baseURL }) => {
    let failDownload = true;
    const failing: FetchLike = async (input, init) => {
      if (failDownload && input.includes('/api/v1/sync/download'))
        return new Response(JSON.stringify({ error: { code: 'internal', message: 'boom' } }), { status: 500 });
      return fetch(input, init);
    };
    const a = await native(baseURL!, key, 'a', failing);
    const b = await native(baseURL!, key, 'b');
    await addRecord(b.store, 'habits', { name: 'From B', cadence: 'daily' }, Date.now());
    await syncOnce(b.store, b.api);
    await addRecord(a.store, 'books', { title: 'Local on A', totalPages: 10 }, Date.now());

    const before = await a.snapshot();
    await expect(syncOnce(a.store, a.api)).rejects.toBeInstanceOf(ServerError);
    expect(await a.snapshot()).toBe(before);

    failDownload = false;
    const retry = await syncOnce(a.store, a.api);
    expect(retry).toMatchObject({ uploaded: 1, applied: 1, conflicts: [] });
    expect((await live(a, 'habits')).map((r) => r.data?.name)).toEqual(['From B']);
  });

  test('sets aside the changes the server refuses (400, 403), reports them in status and keeps syncing the rest', async ({ baseURL }) => {
    const a = await native(baseURL!, key, 'a');
    const b = await native(baseURL!, key, 'b');
    const otherUser = await apiUser(request, 'native-other');
    const stranger = await native(baseURL!, await apiKeyFor(request, baseURL!, otherUser), 'stranger');
    const t = Date.now();
    const theirs = await addRecord(stranger.store, 'habits', { name: 'Not yours', cadence: 'daily' }, t);
    await syncOnce(stranger.store, stranger.api);

    const habit = await addRecord(a.store, 'habits', { name: 'Stretch', cadence: 'daily' }, t);
    // Three days ahead is after today in every time zone: the server refuses it as the web does (400).
    const early = await addRecord(a.store, 'habit_logs', { habitId: habit.id, day: addDays(localDay(t, 'UTC'), 3) }, t + 1);
    // The id of another account's record (403).
    await a.store.saveEdit({ entityType: 'habits', id: theirs.id, data: { ...theirs.data, name: 'Hijacked' }, updatedAt: t + 2, deleted: false });
    const book = await addRecord(a.store, 'books', { title: 'Middlemarch', totalPages: 880 }, t + 3);

    const first = await syncOnce(a.store, a.api);
    expect(first).toMatchObject({ uploaded: 4, applied: 2, conflicts: [] });
    expect(first.setAside.map((c) => [c.entityType, c.id, c.status])).toEqual(
      expect.arrayContaining([
        ['habit_logs', early.id, 400],
        ['habits', theirs.id, 403],
      ]),
    );
    expect(first.setAside).toHaveLength(2);
    expect(await a.store.counts()).toMatchObject({ pending: 0, setAside: 2 });
    expect((await syncOnce(b.store, b.api)).downloaded).toBe(2);
    expect((await live(b, 'books')).map((r) => r.id)).toEqual([book.id]);
    expect((await live(stranger, 'habits')).map((r) => r.data?.name)).toEqual(['Not yours']);

    // Not sent again until edited; then it goes through.
    expect(await syncOnce(a.store, a.api)).toMatchObject({ uploaded: 0, setAside: [] });
    await editRecord(a.store, 'habit_logs', early.id, { day: localDay(Date.now(), 'UTC') }, t + 10);
    expect(await syncOnce(a.store, a.api)).toMatchObject({ uploaded: 1, applied: 1, setAside: [] });
    expect(await a.store.setAside()).toEqual([expect.objectContaining({ entityType: 'habits', id: theirs.id, status: 403 })]);
  });

  test('starts over from 0 when the server no longer knows the cursor (410), and uploads again what the server lost', async ({ baseURL }) => {
    const [a, b] = [await native(baseURL!, key, 'a'), await native(baseURL!, key, 'b')];
    const t = Date.now();
    await addRecord(b.store, 'habits', { name: 'From B', cadence: 'daily' }, t);
    await addRecord(b.store, 'books', { title: 'From B', totalPages: 10 }, t);
    await syncOnce(b.store, b.api);
    await syncOnce(a.store, a.api);
    expect((await a.store.state())?.cursor).toBeGreaterThan(0);

    // As after the server was restored from an older backup: a cursor ahead of it, and a record it lost.
    await onFile(a.path, 'UPDATE sync_state SET cursor = 1000000000');
    const lost = randomUUID();
    await onFile(a.path, 'INSERT INTO books (id, created_at, updated_at, deleted_at, server_version, data, dirty) VALUES (?, ?, ?, NULL, 7, ?, 0)', [
      lost,
      t,
      t,
      JSON.stringify({ title: 'Lost', author: null, totalPages: 5, completedAt: null }),
    ]);

    const restarted = await syncOnce(a.store, a.api);
    expect(restarted).toMatchObject({ restarted: true, downloaded: 2, requeued: 1 });
    const { cursor } = (await a.store.state())!;
    expect(cursor).toBe(restarted.cursor);
    expect(cursor).toBeLessThan(1000000000);
    expect((await a.store.get('books', lost))?.dirty).toBe(true);

    expect(await syncOnce(a.store, a.api)).toMatchObject({ restarted: false, uploaded: 1, applied: 1 });
    await syncOnce(b.store, b.api);
    expect((await live(b, 'books')).map((r) => r.data?.title).sort()).toEqual(['From B', 'Lost']);
  });

  test('pages a large download and keeps the clients identical', async ({ baseURL }) => {
    test.setTimeout(120_000);
    const [a, b] = [await native(baseURL!, key, 'a'), await native(baseURL!, key, 'b')];
    const t = Date.now();
    for (let i = 0; i < 1200; i += 1) await addRecord(a.store, 'mood_entries', { score: (i % 10) + 1, recordedAt: t - i * 60_000 }, t + i);
    const up = await syncOnce(a.store, a.api);
    expect(up).toMatchObject({ uploaded: 1200, applied: 1200 });
    const progress: number[] = [];
    const down = await syncOnce(b.store, b.api, { limit: 300, onProgress: (p) => p.phase === 'download' && progress.push(p.done / p.total) });
    expect(down.downloaded).toBe(1200);
    expect(down.pages).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(1);
    expect(await live(b, 'mood_entries')).toEqual(await live(a, 'mood_entries'));
  });
});

test.describe('the sync-client command line', () => {
  function cli(db: string, ...args: string[]) {
    const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/sync-client/main.ts', '--db', db, ...args], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    return { code: result.status, out: result.stdout, err: result.stderr };
  }

  test('configures, adds, syncs, lists and reports status; an unreachable server exits 1 and changes nothing', async ({ playwright, baseURL }) => {
    // Thirteen runs of the command line, each a Node process compiling it with tsx (about 1.1 s of CPU
    // on a quiet machine): 33 s in one whole-suite run, over 60 s in a slower one.
    test.setTimeout(120_000);
    const request = await playwright.request.newContext({ baseURL });
    const user = await apiUser(request, 'cli');
    const key = await apiKeyFor(request, baseURL!, user);
    const db = join(dir, 'cli.db');

    const configured = cli(db, 'configure', '--server', baseURL!, '--api-key', key, '--device-label', 'Terminal');
    expect(configured.code, configured.err).toBe(0);
    expect(configured.out).toMatch(/configured .* as device [0-9a-f-]{36} "Terminal"/);
    const added = cli(db, 'add', 'habits', '--name', 'Floss', '--cadence', 'daily');
    expect(added.code, added.err).toBe(0);
    const id = added.out.trim();
    expect(cli(db, 'status').out).toMatch(/last sync never[\s\S]*pending changes 1/);

    // A copy whose server went away: the sync fails with exit 1 and the copy stays as it was.
    const offline = join(dir, 'cli-offline.db');
    copyFileSync(db, offline);
    const file = createClient({ url: `file:${offline}` });
    await file.execute("UPDATE sync_state SET server = 'http://127.0.0.1:9'");
    file.close();
    const statusBefore = cli(offline, 'status').out;
    const failed = cli(offline, 'sync');
    expect(failed.code).toBe(1);
    expect(failed.err).toMatch(/Nothing changed locally/);
    expect(cli(offline, 'status').out).toBe(statusBefore);

    const synced = cli(db, 'sync');
    expect(synced.code, synced.err).toBe(0);
    expect(synced.out).toMatch(/synced: uploaded 1 \(1 applied, 0 conflicts, 0 set aside\)/);
    expect(cli(db, 'list', 'habits').out.split('\n')[0].split('\t')).toEqual([id, expect.any(String), 'live', 'synced', expect.stringContaining('"Floss"')]);
    expect(cli(db, 'status').out).toMatch(/pending changes 0\nset aside 0/);

    // A refused change is listed by status and does not block the next syncs.
    const early = cli(db, 'add', 'habit_logs', '--data', JSON.stringify({ habitId: id, day: addDays(localDay(Date.now(), 'UTC'), 3) }));
    expect(early.code, early.err).toBe(0);
    const refused = cli(db, 'sync');
    expect(refused.code, refused.err).toBe(0);
    expect(refused.out).toMatch(new RegExp(`set aside: habit_logs ${early.out.trim()} refused by the server \\(.*is after today`));
    expect(cli(db, 'status').out).toMatch(new RegExp(`pending changes 0\nset aside 1\n  habit_logs ${early.out.trim()} .*: 400 validation_failed: `));
    expect(cli(db, 'sync').out).toMatch(/uploaded 0 /);
    await request.dispose();
  });

  test('answers a usage error (exit 2), not a crash, for --data that is no JSON object', () => {
    const db = join(dir, 'cli-usage.db');
    for (const data of ['null', '5', '[1]', '{oops']) {
      const result = cli(db, 'add', 'habits', '--data', data);
      expect(result.code, `--data ${data}: ${result.err}`).toBe(2);
      expect(result.err).toMatch(/--data must be a JSON object/);
      expect(result.err).not.toMatch(/TypeError/);
    }
  });

  test('refuses a database it cannot use with a clear message (exit 1), and upgrades one of the first format', async () => {
    const foreign = join(dir, 'foreign.db');
    await onFile(foreign, 'CREATE TABLE users (id TEXT PRIMARY KEY)');
    const refused = cli(foreign, 'status');
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/is not a sync-client database/);

    const old = join(dir, 'format-1.db');
    await onFile(
      old,
      'CREATE TABLE records (entity_type TEXT NOT NULL, id TEXT NOT NULL, data TEXT, updated_at INTEGER NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, dirty INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (entity_type, id))',
    );
    const habit = randomUUID();
    await onFile(old, 'INSERT INTO records VALUES (?, ?, ?, ?, 0, 1)', [
      'habits',
      habit,
      JSON.stringify({ name: 'Old', cadence: 'daily', timesPerWeek: 7, color: null, archivedAt: null }),
      1000,
    ]);
    const listed = cli(old, 'list', 'habits');
    expect(listed.code, listed.err).toBe(0);
    expect(listed.out.split('\t').slice(0, 4)).toEqual([habit, new Date(1000).toISOString(), 'live', 'pending']);
  });
});
