import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { SYNC_ENTITY_TYPES, type SyncDownloadChange } from '../../lib/shared/schemas/records-sync';
import { NetworkError, SyncApi } from '../../scripts/sync-client/api';
import { configureClient } from '../../scripts/sync-client/configure';
import { addRecord } from '../../scripts/sync-client/edits';
import { LocalStore, type LocalRecord } from '../../scripts/sync-client/store';
import { syncOnce } from '../../scripts/sync-client/sync';
import { BUNDLE_ENV, BundleServer, freePort } from '../own-server';

// Fault injection for real (issue 7): the server process dies right after an upload's transaction
// commits and before it answers (FAULT_EXIT_AFTER_UPLOAD_COMMIT, lib/server/platform/records-sync/fault.ts).
// The spec runs its own server on its own port and data folder, restarts it without the fault,
// and the reference client's retry must apply nothing twice and lose nothing.

/** The exit code of the injected crash (FAULT_EXIT_CODE in lib/server/platform/records-sync/fault.ts, which is server-only). */
const FAULT_EXIT_CODE = 86;
/** The admin CLI against the spec's data folder: a user and an API key without the web UI. */
function cli(dataDir: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...BUNDLE_ENV, DATA_DIR: dataDir },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout.trim();
}

async function client(dir: string, server: string, key: string, label: string) {
  const store = await LocalStore.open(join(dir, `${label}.db`));
  const api = new SyncApi(server, key);
  const { device } = await configureClient(store, api, { server, apiKey: key, deviceLabel: label, platform: 'cli' });
  const snapshot = async () => {
    const rows: LocalRecord[] = [];
    for (const type of SYNC_ENTITY_TYPES) rows.push(...(await store.list(type, true)));
    return JSON.stringify({ state: await store.state(), rows, setAside: await store.setAside() });
  };
  return { store, api, deviceId: device.id, snapshot };
}

/** Everything the server holds for the account, and its newest version (which any write would move). */
async function downloadAll(api: SyncApi, deviceId: string): Promise<{ changes: SyncDownloadChange[]; latest: number }> {
  const changes: SyncDownloadChange[] = [];
  let page = await api.download(deviceId, 0);
  changes.push(...page.changes);
  while (page.hasMore) {
    page = await api.download(deviceId, page.serverCursor);
    changes.push(...page.changes);
  }
  return { changes, latest: page.latestCursor };
}

test('the server dies after an upload commits and before it answers: the retry applies nothing twice and loses nothing', async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), 'passion-fault-'));
  const dataDir = join(dir, 'data');
  const server = new BundleServer(await freePort(), dataDir, join(dir, 'server.log'));
  const email = `fault-${Date.now()}@example.test`;
  cli(dataDir, 'user:create', '--email', email, '--password', 'a long fault password');
  const key = cli(dataDir, 'apikey:create', '--email', email, '--label', 'fault injection');

  try {
    await server.start({ FAULT_EXIT_AFTER_UPLOAD_COMMIT: '1' });
    const a = await client(dir, server.url, key, 'a');
    const b = await client(dir, server.url, key, 'b');
    const t = Date.now();
    const records = [
      await addRecord(a.store, 'habits', { name: 'Journal', cadence: 'daily' }, t),
      await addRecord(a.store, 'books', { title: 'Emma', totalPages: 474 }, t),
      await addRecord(a.store, 'mood_entries', { score: 8, notes: 'steady' }, t),
    ];
    const before = await a.snapshot();

    await expect(syncOnce(a.store, a.api)).rejects.toBeInstanceOf(NetworkError);
    expect(await server.exited, server.logTail()).toBe(FAULT_EXIT_CODE);
    expect(await a.snapshot()).toBe(before);
    expect((await a.store.counts()).pending).toBe(3);

    await server.start();
    // The upload had committed: the records are on the server, stamped with one version.
    const committed = await downloadAll(b.api, b.deviceId);
    expect(committed.changes.map((c) => c.id).sort()).toEqual(records.map((r) => r.id).sort());
    expect(new Set(committed.changes.map((c) => c.serverVersion)).size).toBe(1);

    const retry = await syncOnce(a.store, a.api);
    expect(retry).toMatchObject({ uploaded: 3, applied: 3, conflicts: [], setAside: [] });
    expect(await a.store.counts()).toMatchObject({ pending: 0, setAside: 0 });

    // Nothing applied twice: the same records at the same versions, and no write since.
    const after = await downloadAll(b.api, b.deviceId);
    expect(after).toEqual(committed);
    for (const r of records) {
      expect(
        after.changes.find((c) => c.id === r.id),
        r.entityType,
      ).toMatchObject({ entityType: r.entityType, data: r.data, updatedAt: r.updatedAt, deleted: false });
    }
    // Nothing lost: the other client and the retrying one hold exactly the three records.
    expect((await syncOnce(b.store, b.api)).downloaded).toBe(3);
    for (const c of [a, b]) {
      const held = (await Promise.all(['habits', 'books', 'mood_entries'].map((type) => c.store.list(type)))).flat();
      expect(held.map((r) => [r.id, r.dirty]).sort()).toEqual(records.map((r) => [r.id, false]).sort());
    }
    a.store.close();
    b.store.close();
  } finally {
    await server.stop();
  }
});
