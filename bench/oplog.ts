// bench/oplog: push throughput (batches of 100 and 1,000), pull throughput, and bootstrap time and
// bytes for a user with 100,000 ops of history over 1,000 live tasks — each beside raw
// @libsql/client batch inserts / indexed paged selects on the same machine in the same run.
// Prints one JSON line. Usage: npm run bench:oplog [-- --quick] [-- --profile]
// --profile: a CPU profile (node:inspector) of each app phase, its top self-time frames on stderr.
import { mkdtempSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';

const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
const HISTORY = QUICK ? 20_000 : 100_000;
const LIVE_TASKS = 1_000;

const dir = mkdtempSync(join(tmpdir(), 'bench-oplog-'));
process.env.DATA_DIR = join(dir, 'data');
process.env.DATABASE_URL = `file:${join(dir, 'data', 'bench.db')}`;
process.env.APP_ENV = 'test';
process.env.NEXTAUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';
process.env.OPLOG_SAFETY_BUFFER = '0';

type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
};

/** Where a frame's code lives: a package, a file of the app, or V8's own buckets. */
function where(url: string): string {
  if (!url) return 'native';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const app = /\/((?:lib|bench)\/.*)$/.exec(url);
  return app ? app[1] : url;
}

/** Prints a profile's top self-time frames and its self time by package/file to stderr. */
function summarise(label: string, profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label_ = (n: CpuProfile['nodes'][number]) => {
    const { functionName, url, lineNumber } = n.callFrame;
    return `${functionName || '(anonymous)'} ${url ? `${where(url)}:${lineNumber + 1}` : ''}`.trim();
  };
  /** The nearest frame of the app's own server code on the stack: which of its calls the time is for. */
  const appCaller = (id: number): string => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const n = byId.get(at)!;
      if (/\/lib\/server\//.test(n.callFrame.url)) return label_(n);
    }
    return '(outside lib/server)';
  };
  const frames = new Map<string, number>();
  const places = new Map<string, number>();
  const callers = new Map<string, number>();
  let total = 0;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const node = byId.get(samples[i]);
    if (!node) continue;
    // A sample's delta is the time since the one before: it belongs to the sample it ends at.
    const us = deltas[i + 1] ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = where(url);
    const name = `${functionName || '(anonymous)'} ${url ? `${place}:${lineNumber + 1}` : ''}`.trim();
    frames.set(name, (frames.get(name) ?? 0) + us);
    const bucket = url ? place : functionName || 'native';
    places.set(bucket, (places.get(bucket) ?? 0) + us);
    const caller = appCaller(node.id);
    callers.set(caller, (callers.get(caller) ?? 0) + us);
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`)
      .join('\n');
  console.error(
    `\n[profile] ${label}: ${(total / 1000).toFixed(0)} ms sampled\n top self-time frames:\n${top(frames, 25)}\n by package/file:\n${top(places, 12)}\n by nearest lib/server frame (self time below it):\n${top(callers, 15)}`,
  );
}

async function main() {
  const { ensureDatabase } = await import('@/lib/server/platform/db/migrate');
  const { getClient, closeDb } = await import('@/lib/server/platform/db/client');
  const { createUser } = await import('@/lib/server/domains/account/users');
  const { pushTasks, pullTasks, bootstrapTasks } = await import('@/lib/server/domains/tasks/service');
  const { compactUser } = await import('@/lib/server/platform/oplog/compaction');
  const { TaskDocument } = await import('@/lib/shared/crdt');
  type Op = Parameters<InstanceType<typeof TaskDocument>['apply']>[0];
  await ensureDatabase();
  const client = getClient();

  /** A realistic history: 1,000 tasks, then edits, completions and due dates until `total` ops. */
  function history(actor: string, total: number): { doc: InstanceType<typeof TaskDocument>; ops: Op[] } {
    const doc = new TaskDocument({ actor });
    const list = doc.createList('Work');
    const ops: Op[] = [list];
    const listId = list.payload.listId;
    const ids: string[] = [];
    for (let i = 0; i < LIVE_TASKS && ops.length < total; i++) {
      const op = doc.addTask(listId, { title: `Task ${i}`, dueDay: i % 7 === 0 ? '2026-12-01' : null });
      ids.push(op.payload.taskId);
      ops.push(op);
    }
    for (let i = 0; ops.length < total; i++) {
      const id = ids[i % ids.length];
      const kind = i % 3;
      ops.push(
        kind === 0
          ? doc.editTask(listId, id, { title: `Task ${i % ids.length} v${i}` })
          : kind === 1
            ? doc.setCompleted(listId, id, i % 2 === 0)
            : doc.setDue(listId, id, i % 5 === 0 ? null : '2026-12-02'),
      );
    }
    return { doc, ops };
  }

  async function newUser() {
    const u = await createUser({ email: `${randomUUID()}@bench.test`, password: 'bench password 123', name: 'Bench', timezone: 'UTC' });
    return { userId: u.id };
  }

  // Wall seconds, and the process's CPU seconds of the last call (`cpu.last`): on a shared machine the
  // wall-clock ratios swing with other sessions' load, the CPU ones much less.
  const cpu = { last: 0 };
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(c0);
    cpu.last = (used.user + used.system) / 1e6;
    return Number(process.hrtime.bigint() - t0) / 1e9;
  };
  const cpuRatios: Record<string, number> = {};

  // --profile: each app phase runs under the V8 sampling profiler; its figures then include the
  // profiler's own cost, so a profiled run is for reading the frames, never for the ratios.
  const session = PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
  }
  async function profiled<T>(label: string, fn: () => Promise<T>): Promise<T> {
    if (!session) return fn();
    await session.post('Profiler.start');
    try {
      return await fn();
    } finally {
      const { profile } = await session.post('Profiler.stop');
      summarise(label, profile);
    }
  }

  // Raw baseline tables with the same shape and indexes as `ops`.
  await client.execute(
    `CREATE TABLE raw_ops (server_seq INTEGER PRIMARY KEY AUTOINCREMENT, user_id TEXT NOT NULL, scope TEXT NOT NULL, resource_id TEXT NOT NULL, actor TEXT NOT NULL, clock INTEGER NOT NULL, payload TEXT NOT NULL, received_at INTEGER NOT NULL)`,
  );
  await client.execute('CREATE UNIQUE INDEX raw_ops_dedupe ON raw_ops (user_id, actor, clock, scope, resource_id)');
  await client.execute('CREATE INDEX raw_ops_user_seq ON raw_ops (user_id, server_seq)');

  async function rawInsert(userId: string, ops: Op[]) {
    const now = Date.now();
    await client.batch(
      ops.map((op) => ({
        sql: 'INSERT INTO raw_ops (user_id, scope, resource_id, actor, clock, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
        args: [userId, op.scope, op.resourceId, op.actor, op.clock, JSON.stringify(op.payload), now],
      })),
      'write',
    );
  }

  /**
   * The floor of any push that keeps the sync contract, in raw SQL: the raw baseline's inserts plus,
   * in the same transaction, what the contract makes every push do — bump the scope's version (ETags,
   * nudges), read and mark the pushing client (403/410, liveness), read the log's bounds and the
   * user's time zone (numbering, today's count), and raise the log's counter.
   */
  async function floorPush(userId: string, clientId: string, ops: Op[]) {
    const now = Date.now();
    await client.batch(
      [
        {
          sql: "insert into scope_versions (user_id, scope, version) values (?, 'tasks', 1) on conflict (user_id, scope) do update set version = version + 1",
          args: [userId],
        },
        { sql: 'select user_id, last_seen_server_seq, last_seen_at, retired_at from sync_clients where client_id = ?', args: [clientId] },
        { sql: 'select coalesce(max(server_seq), 0) from raw_ops where user_id = ?', args: [userId] },
        { sql: 'select timezone from users where id = ?', args: [userId] },
        ...ops.map((op) => ({
          sql: 'INSERT INTO raw_ops (user_id, scope, resource_id, actor, clock, payload, received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
          args: [userId, op.scope, op.resourceId, op.actor, op.clock, JSON.stringify(op.payload), now],
        })),
        {
          sql: "insert into user_counters (user_id, name, value) values (?, 'bench_seq', ?) on conflict (user_id, name) do update set value = max(value, excluded.value)",
          args: [userId, ops.length],
        },
        { sql: 'update sync_clients set last_seen_at = ? where client_id = ?', args: [now, clientId] },
      ],
      'write',
    );
  }

  const result: Record<string, unknown> = {};
  const ratios: Record<string, number> = {};
  const floors: Record<string, number> = {};

  // Push throughput, app vs raw, at two batch sizes (10,000 ops each). Both sides first push a
  // warm-up (3,000 ops, other users, not timed): a server pushes warm, and cold, this phase measured
  // the JIT compiling the app's push path — about half of its time at batches of 100 — more than the push.
  const warmUp = history('bench-warm-up', 3_000).ops;
  for (const batch of [100, 1000]) {
    const warmUser = await newUser();
    for (let i = 0; i < warmUp.length; i += batch) await pushTasks(warmUser, { clientId: `bench-warm-${batch}`, ops: warmUp.slice(i, i + batch) });
    const rawWarm = randomUUID();
    for (let i = 0; i < warmUp.length; i += batch) await rawInsert(rawWarm, warmUp.slice(i, i + batch));
    const floorWarm = await newUser();
    await pushTasks(floorWarm, { clientId: `bench-floor-warm-${batch}`, ops: [] });
    for (let i = 0; i < warmUp.length; i += batch) await floorPush(floorWarm.userId, `bench-floor-warm-${batch}`, warmUp.slice(i, i + batch));
    const appUser = await newUser();
    const { ops } = history(randomUUID(), 10_000);
    const rawUser = randomUUID();
    const appSecs = await profiled(`push, batches of ${batch}`, () =>
      time(async () => {
        for (let i = 0; i < ops.length; i += batch) await pushTasks(appUser, { clientId: `bench-push-${batch}`, ops: ops.slice(i, i + batch) });
      }),
    );
    const appCpu = cpu.last;
    const rawSecs = await time(async () => {
      for (let i = 0; i < ops.length; i += batch) await rawInsert(rawUser, ops.slice(i, i + batch));
    });
    const rawCpu = cpu.last;
    // The floor's client is registered as a push registers it (an empty push), outside the timing.
    const floorUser = await newUser();
    await pushTasks(floorUser, { clientId: `bench-floor-${batch}`, ops: [] });
    const floorSecs = await time(async () => {
      for (let i = 0; i < ops.length; i += batch) await floorPush(floorUser.userId, `bench-floor-${batch}`, ops.slice(i, i + batch));
    });
    result[`push_${batch}`] = {
      app_ops_per_s: Math.round(ops.length / appSecs),
      raw_ops_per_s: Math.round(ops.length / rawSecs),
      floor_ops_per_s: Math.round(ops.length / floorSecs),
    };
    ratios[`push_${batch}`] = +(rawSecs / appSecs).toFixed(2);
    floors[`push_${batch}_floor_to_raw`] = +(rawSecs / floorSecs).toFixed(2);
    floors[`push_${batch}_app_to_floor`] = +(floorSecs / appSecs).toFixed(2);
    cpuRatios[`push_${batch}`] = +(rawCpu / appCpu).toFixed(2);
  }

  // The big user: 100,000 ops of history over 1,000 live tasks.
  const big = await newUser();
  const { doc, ops } = history('bench-writer', HISTORY);
  for (let i = 0; i < ops.length; i += 1000) await pushTasks(big, { clientId: 'bench-writer', ops: ops.slice(i, i + 1000) });
  const rawBig = randomUUID();
  for (let i = 0; i < ops.length; i += 1000) await rawInsert(rawBig, ops.slice(i, i + 1000));

  // Pull throughput: page through the whole log, 1,000 ops a page.
  let pulled = 0;
  const pullSecs = await profiled('pull, pages of 1,000', () =>
    time(async () => {
      let since = 0;
      for (;;) {
        const page = await pullTasks(big, { clientId: 'bench-reader', since, limit: 1000 });
        pulled += page.ops.length;
        since = page.serverSeq;
        if (!page.hasMore) break;
      }
    }),
  );
  const pullCpu = cpu.last;
  let rawPulled = 0;
  const rawPullSecs = await time(async () => {
    let since = 0;
    for (;;) {
      const rs = await client.execute({
        sql: 'SELECT server_seq, scope, resource_id, actor, clock, payload FROM raw_ops WHERE user_id = ? AND server_seq > ? ORDER BY server_seq LIMIT 1000',
        args: [rawBig, since],
      });
      if (rs.rows.length === 0) break;
      rawPulled += rs.rows.length;
      since = Number(rs.rows[rs.rows.length - 1].server_seq);
    }
  });
  const rawPullCpu = cpu.last;
  // The floor of any answer that hands ops out as objects: the raw select plus parsing each payload,
  // which the raw baseline leaves as text (the app's pull adds its cursor checks on top).
  const floorPullSecs = await time(async () => {
    let since = 0;
    for (;;) {
      const rs = await client.execute({
        sql: 'SELECT server_seq, scope, resource_id, actor, clock, payload FROM raw_ops WHERE user_id = ? AND server_seq > ? ORDER BY server_seq LIMIT 1000',
        args: [rawBig, since],
      });
      if (rs.rows.length === 0) break;
      for (const row of rs.rows) JSON.parse(row.payload as string);
      since = Number(rs.rows[rs.rows.length - 1].server_seq);
    }
  });
  result.pull = {
    app_ops_per_s: Math.round(pulled / pullSecs),
    raw_ops_per_s: Math.round(rawPulled / rawPullSecs),
    floor_ops_per_s: Math.round(rawPulled / floorPullSecs),
    ops: pulled,
  };
  ratios.pull = +(rawPullSecs / pullSecs).toFixed(2);
  cpuRatios.pull = +(rawPullCpu / pullCpu).toFixed(2);
  floors.pull_floor_to_raw = +(rawPullSecs / floorPullSecs).toFixed(2);
  floors.pull_app_to_floor = +(floorPullSecs / pullSecs).toFixed(2);

  // Bootstrap before and after compaction, against the size of the live state.
  const liveBytes = Buffer.byteLength(doc.toSnapshot());
  let before = 0;
  const bootBeforeSecs = await time(async () => {
    before = Buffer.byteLength(JSON.stringify(await bootstrapTasks(big, { clientId: 'bench-boot-1' })));
  });
  // Every client has read the whole log, so compaction may prune all of it.
  for (const clientId of ['bench-writer', 'bench-reader', 'bench-boot-1'])
    await pullTasks(big, { clientId, since: ops.length + 10_000, limit: 1 }).catch(() => undefined);
  const compactSecs = await time(() => compactUser(big.userId));
  let after = 0;
  const bootAfterSecs = await time(async () => {
    after = Buffer.byteLength(JSON.stringify(await bootstrapTasks(big, { clientId: 'bench-boot-2' })));
  });
  result.bootstrap = {
    history_ops: ops.length,
    live_tasks: LIVE_TASKS,
    live_state_bytes: liveBytes,
    before_compaction: { bytes: before, ms: Math.round(bootBeforeSecs * 1000) },
    after_compaction: { bytes: after, ms: Math.round(bootAfterSecs * 1000) },
    compaction_ms: Math.round(compactSecs * 1000),
  };
  ratios.bootstrap_bytes_to_live_state = +(after / liveBytes).toFixed(2);

  console.log(
    JSON.stringify({
      bench: 'oplog',
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      node: process.version,
      level: 'service (lib/server/domains/tasks/service, no HTTP) vs raw @libsql/client on the same file',
      ...result,
      ratio_app_to_raw: ratios,
      cpu_ratio_app_to_raw: cpuRatios,
      floors,
      // Issue 21: each ratio at least 0.8 as the median of 5 runs; one run says where it landed.
      targets: {
        push_at_least_0_8_of_raw: ratios.push_100 >= 0.8 && ratios.push_1000 >= 0.8,
        pull_at_least_0_8_of_raw: ratios.pull >= 0.8,
        bootstrap_at_most_2x_live: ratios.bootstrap_bytes_to_live_state <= 2,
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
