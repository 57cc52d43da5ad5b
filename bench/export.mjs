// bench/export: what the data export (GET /api/me/export) holds in memory while it streams a
// 100,000-row account, beside a raw baseline measured in the same run: the same rows read at once
// with @libsql/client (what an export that loads the account before writing it would hold at the
// least). Also the export of a 10,000-row account: a bounded export peaks the same at both sizes.
// Live heap is sampled after a forced GC every few chunks. Service level (no HTTP); the bytes are
// consumed as a download would, then the archive is unzipped once to check its row counts.
// Prints one JSON line. Usage: npm run bench:export [-- --quick]   (node --expose-gc …)
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const QUICK = process.argv.includes('--quick');
const ROWS = QUICK ? 20_000 : 100_000;
const SMALL = ROWS / 10;
const GC_EVERY_CHUNKS = 16;

if (typeof globalThis.gc !== 'function') {
  console.error('bench/export needs --expose-gc: npm run bench:export');
  process.exit(2);
}
const gc = globalThis.gc;

const dir = mkdtempSync(join(tmpdir(), 'bench-export-'));
process.env.DATA_DIR = join(dir, 'data');
process.env.DATABASE_URL = `file:${join(dir, 'data', 'bench.db')}`;
process.env.APP_ENV = 'test';
process.env.NEXTAUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
process.env.LOG_LEVEL = 'silent';

const log = (...args) => console.error('[bench:export]', ...args);
const MiB = 2 ** 20;
const mib = (bytes) => +(bytes / MiB).toFixed(1);

function liveHeap() {
  gc();
  return process.memoryUsage().heapUsed;
}

async function main() {
  const { ensureDatabase } = await import('@/lib/server/platform/db/migrate');
  const { getClient, closeDb } = await import('@/lib/server/platform/db/client');
  const { createUser } = await import('@/lib/server/domains/account/users');
  const { openExport } = await import('@/lib/server/domains/export/service');
  const { unzipSync } = await import('fflate');
  await ensureDatabase();
  const client = getClient();

  /**
   * `rows` rows for a new user, split over habit logs (half), mood entries and focus sessions (a
   * quarter each), with texts of realistic length, written straight to the tables.
   */
  async function accountWith(rows) {
    const user = await createUser({ email: `${randomUUID()}@bench.test`, password: 'bench password 123', name: 'Bench', timezone: 'UTC' });
    const now = Date.now();
    let version = 0;
    const statements = [];
    const habits = Array.from({ length: 100 }, () => randomUUID());
    for (const id of habits) {
      statements.push({
        sql: 'INSERT INTO habits (id, user_id, created_at, updated_at, server_version, name, cadence, times_per_week) VALUES (?, ?, ?, ?, ?, ?, ?, 7)',
        args: [id, user.id, now, now, ++version, `Habit ${id.slice(0, 6)}`, 'daily'],
      });
    }
    for (let i = 0; i < rows / 2; i++) {
      const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(i / habits.length) * 86_400_000).toISOString().slice(0, 10);
      statements.push({
        sql: 'INSERT INTO habit_logs (id, user_id, created_at, updated_at, server_version, habit_id, day) VALUES (?, ?, ?, ?, ?, ?, ?)',
        args: [randomUUID(), user.id, now, now, ++version, habits[i % habits.length], day],
      });
    }
    for (let i = 0; i < rows / 4; i++) {
      statements.push({
        sql: 'INSERT INTO mood_entries (id, user_id, created_at, updated_at, server_version, score, activity_ids, notes, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
        args: [randomUUID(), user.id, now, now, ++version, 1 + (i % 10), '[]', `Slept well, walked by the river, entry ${i}, "good" day`, now - i * 3600_000],
      });
    }
    for (let i = 0; i < rows / 4; i++) {
      statements.push({
        sql: 'INSERT INTO focus_sessions (id, user_id, created_at, updated_at, server_version, task_title, mode, planned_minutes, status, started_at, paused_total_ms, ended_at, focus_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)',
        args: [
          randomUUID(),
          user.id,
          now,
          now,
          ++version,
          `Write chapter ${i}`,
          'focus',
          25,
          'completed',
          now - i * 7200_000,
          now - i * 7200_000 + 1500_000,
          1500_000,
        ],
      });
    }
    for (let i = 0; i < statements.length; i += 5000) await client.batch(statements.slice(i, i + 5000), 'write');
    return { userId: user.id, rows: statements.length };
  }

  /** Reads the export to its end as a download would; with `sample`, the live heap every few chunks. */
  async function drain(userId, { sample }) {
    const { body } = await openExport({ userId });
    const reader = body.getReader();
    let bytes = 0;
    let chunks = 0;
    let peak = 0;
    const t0 = process.hrtime.bigint();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
      chunks += 1;
      if (sample && chunks % GC_EVERY_CHUNKS === 0) peak = Math.max(peak, liveHeap());
    }
    return { bytes, chunks, peak, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  }

  log(`seeding ${ROWS} + ${SMALL} rows, and ${ROWS} of another user…`);
  const big = await accountWith(ROWS);
  const small = await accountWith(SMALL);
  await accountWith(ROWS); // another user of the same size: the export must page through its own rows only

  // Warm up (prepared statements, fflate's tables, the JIT), then measure.
  await drain(small.userId, { sample: false });

  log('raw baseline: the same rows read at once');
  const base = liveHeap();
  const t0 = process.hrtime.bigint();
  const held = [];
  for (const table of ['habits', 'habit_logs', 'mood_entries', 'focus_sessions']) {
    held.push((await client.execute({ sql: `SELECT * FROM ${table} WHERE user_id = ?`, args: [big.userId] })).rows);
  }
  const rawMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const rawHeld = liveHeap() - base;
  const rawRows = held.reduce((n, rows) => n + rows.length, 0);
  held.length = 0;

  log('export, timed');
  const timed = await drain(big.userId, { sample: false });
  log('export, live heap sampled');
  const before = liveHeap();
  const sampled = await drain(big.userId, { sample: true });
  const smallBefore = liveHeap();
  const smallRun = await drain(small.userId, { sample: true });

  // The archive is right: every habit log in json/ and csv/ (read once more, kept this time).
  const { body } = await openExport({ userId: big.userId });
  const zip = unzipSync(new Uint8Array(await new Response(body).arrayBuffer()));
  const csvLogs = new TextDecoder().decode(zip['csv/habit-logs.csv']).split('\r\n').length - 2;
  const jsonLogs = JSON.parse(new TextDecoder().decode(zip['json/habits.json'])).habitLogs.length;

  const peakGrowth = sampled.peak - before;
  const smallGrowth = smallRun.peak - smallBefore;
  const ratios = {
    peak_heap_to_raw_held: +(peakGrowth / rawHeld).toFixed(3),
    peak_heap_100k_to_10k: +(peakGrowth / Math.max(smallGrowth, 1)).toFixed(2),
    export_time_to_raw_read: +(timed.ms / rawMs).toFixed(1),
  };
  console.log(
    JSON.stringify({
      bench: 'export',
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      node: process.version,
      level: 'service (lib/server/domains/export, no HTTP) vs raw @libsql/client reading the same rows at once, same file, same run',
      rows: big.rows,
      raw: { rows: rawRows, ms: Math.round(rawMs), held_heap_mib: mib(rawHeld) },
      export: {
        ms: Math.round(timed.ms),
        rows_per_s: Math.round(big.rows / (timed.ms / 1000)),
        zip_mib: mib(timed.bytes),
        chunks: timed.chunks,
        peak_heap_growth_mib: mib(peakGrowth),
        heap_before_mib: mib(before),
        small_account_rows: small.rows,
        small_account_peak_heap_growth_mib: mib(smallGrowth),
        habit_logs_in_json: jsonLogs,
        habit_logs_in_csv: csvLogs,
      },
      ratio_export_to_raw: ratios,
      targets: {
        peak_heap_at_most_a_tenth_of_raw: ratios.peak_heap_to_raw_held <= 0.1,
        peak_heap_not_growing_with_rows: peakGrowth <= Math.max(2 * smallGrowth, 8 * MiB),
        archive_holds_every_row: jsonLogs === ROWS / 2 && csvLogs === ROWS / 2,
      },
    }),
  );
  closeDb();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
