// `npm run bench:capacity`: what one active user costs a node under the web sync contracts
// (lib/sync/contracts.ts), and how many such users one node serves before its first resource runs
// out. Drives USERS simulated users against `npm start`'s server, each with two devices: an active
// browser that moves through a realistic page mix and writes now and then, and a second device (a
// phone or another browser) that holds its stream and refetches what a nudge names. Time is
// compressed (SCALE: 30 s of contract time → 30 s × SCALE), so the server sees USERS ÷ SCALE users'
// worth of traffic. Then: memory per idle stream (2,000 more streams), and the database's write
// ceiling (writes from 16 clients at once, as fast as they are answered). Prints one JSON line;
// docs/capacity.md explains the model.
//
// Usage: npm run bench:capacity [-- --quick] [--users N] [--port P] (default: BENCH_PORT + 6, else 4711)
// Env: NEXT_DIST_DIR (the build scripts/start.mjs makes or reuses).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { signInCookie } from '../scripts/sign-in.mjs';
import { benchServerEnv } from './server-env.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
const PORT = option('port', Number(process.env.BENCH_PORT) + 6 || 4711);
const USERS = option('users', QUICK ? 10 : 30);
/** Contract minutes each user lives through. */
const MINUTES = QUICK ? 5 : 10;
const SCALE = 0.1;
const MINUTE_MS = 60_000 * SCALE;
/** Idle streams opened to measure a stream's memory in this run. */
const IDLE_STREAMS = QUICK ? 500 : 2000;
const CEILING_WRITES = QUICK ? 200 : 600;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
/** The share of the node's CPU and memory planned for users: the rest is headroom for bursts, GC and the OS. */
const HEADROOM = 0.7;
/** The SQLite writer's share planned for users: writes queue behind each other (one writer). */
const WRITER_SHARE = 0.5;

// The page mix of an active session (share of page views), and what each page fetches on mount.
// Dwell time per page ~2 contract minutes. Sources: the contracts table (DESIGN.md) and the app's queries.
const range = () => {
  const from = Date.now() - 7 * 86_400_000;
  return `from=${from}&to=${Date.now() + 7 * 86_400_000}`;
};
const PAGES = [
  { name: 'today', share: 0.3, mount: () => ['/api/plan/today', '/api/tasks/counts'] },
  { name: 'tasks', share: 0.25, mount: (u) => [`/api/sync/pull?clientId=${u.clientId}&since=0`] },
  { name: 'planner', share: 0.12, mount: () => [`/api/planner/events?${range()}`], pollMs: 30_000 },
  { name: 'habits', share: 0.1, mount: () => ['/api/habits'] },
  { name: 'focus', share: 0.1, mount: () => [`/api/focus/sessions?${range()}`] },
  { name: 'progress', share: 0.07, mount: () => ['/api/progress?days=7'] },
  { name: 'mood', share: 0.06, mount: () => [`/api/mood/entries?${range()}`] },
];
const DWELL_MINUTES = 2;
/** Writes per active contract minute (a habit logged or renamed, a planner event, a focus start/stop). */
const WRITES_PER_MINUTE = 0.5;
/** What a nudge of a scope makes the other device refetch. */
const NUDGE_REFETCH = { habits: '/api/habits', planner: `/api/planner/events?__RANGE__`, focus: '/api/focus/active', profile: '/api/me' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...args) => console.error('[capacity]', ...args);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

const children = new Set();
process.on('exit', () => children.forEach((c) => c.kill('SIGTERM')));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
function rssKb(pid) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]);
}

/** Counts what the server sends back: requests, bytes (status line, headers and body as received) and statuses. */
const meter = { on: false, requests: 0, bytes: 0, byKind: {}, writes: 0, notModified: 0 };
function count(kind, bytes, status) {
  if (!meter.on) return;
  meter.requests += 1;
  meter.bytes += bytes;
  meter.byKind[kind] = (meter.byKind[kind] ?? 0) + 1;
  if (status === 304) meter.notModified += 1;
  if (kind === 'write' && status < 300) meter.writes += 1;
}

function request({ method = 'GET', path, cookie, device, body, etag, kind }) {
  return new Promise((resolve, reject) => {
    const headers = { origin: `http://127.0.0.1:${PORT}`, 'accept-encoding': 'gzip, br' };
    if (cookie) headers.cookie = cookie;
    if (device) headers['x-device-id'] = device;
    if (body) headers['content-type'] = 'application/json';
    if (etag) headers['if-none-match'] = etag;
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = Buffer.concat(chunks);
        // The head as it came over the wire: status line, headers, blank line.
        const head = 15 + res.rawHeaders.reduce((n, h) => n + h.length + 2, 0) + 2;
        count(kind, head + raw.length, res.statusCode);
        resolve({ status: res.statusCode, etag: res.headers.etag, encoding: res.headers['content-encoding'], raw });
      });
    });
    req.on('error', reject);
    req.end(body ? JSON.stringify(body) : undefined);
  });
}

async function waitHealthy() {
  for (let i = 0; i < 1500; i++) {
    const ok = await fetch(`http://127.0.0.1:${PORT}/api/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error('the server never came up');
}

/** The user's SSE stream from one device; counts its bytes and hands each event's scope to `onEvent`. */
function openStream(user, device, onEvent) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: '127.0.0.1', port: PORT, path: `/api/events?deviceId=${device}&deviceLabel=${device}`, headers: { cookie: user.cookie }, agent: false },
      (res) => {
        if (res.statusCode !== 200) return reject(new Error(`stream status ${res.statusCode}`));
        let first = true;
        res.on('data', (chunk) => {
          if (meter.on) meter.sseBytes = (meter.sseBytes ?? 0) + chunk.length;
          if (first) {
            first = false;
            resolve(req);
          }
          for (const m of chunk.toString().matchAll(/"changedScopes":\[([^\]]*)\]/g)) onEvent?.(m[1].replace(/"/g, '').split(','));
        });
      },
    );
    req.on('error', reject);
  });
}

function pickPage() {
  let r = Math.random();
  for (const page of PAGES) if ((r -= page.share) <= 0) return page;
  return PAGES[0];
}

/** One user's two devices for MINUTES contract minutes. */
async function simulate(user, until) {
  const active = `web-${user.n}`;
  const other = `phone-${user.n}`;
  const etags = new Map();
  const get = async (device, path, kind) => {
    const cookie = device === other ? user.otherCookie : user.cookie;
    const res = await request({ path, cookie, device, etag: etags.get(`${device} ${path.split('?')[0]}`), kind });
    if (res.etag) etags.set(`${device} ${path.split('?')[0]}`, res.etag);
    return res;
  };
  // The other device: every nudge names scopes; its leader tab refetches the query that shows them.
  const nudged = [];
  user.streams.push(
    await openStream({ cookie: user.otherCookie }, other, (scopes) => {
      for (const scope of scopes) if (NUDGE_REFETCH[scope]) nudged.push(NUDGE_REFETCH[scope].replace('__RANGE__', range()));
    }),
  );
  user.streams.push(await openStream(user, active));
  const work = [];
  // The focus poller: every 30 s on every device, hidden or not (focus contract).
  for (const device of [active, other])
    work.push(
      (async () => {
        await sleep(Math.random() * 30_000 * SCALE);
        while (Date.now() < until) {
          await get(device, '/api/focus/active', 'poll');
          await sleep(30_000 * SCALE);
        }
      })(),
    );
  // The nudged device's refetches, as they come.
  work.push(
    (async () => {
      while (Date.now() < until) {
        const path = nudged.shift();
        if (path) await get(other, path, 'nudge');
        else await sleep(50);
      }
    })(),
  );
  // The active browser: a page, its mount fetches and polls, writes now and then; then the next page.
  work.push(
    (async () => {
      await sleep(Math.random() * MINUTE_MS);
      let habits = [];
      let focusOn = false;
      while (Date.now() < until) {
        const page = pickPage();
        for (const path of page.mount(user)) await get(active, path, 'navigation');
        const leave = Date.now() + DWELL_MINUTES * MINUTE_MS * (0.5 + Math.random());
        let nextPoll = page.pollMs ? Date.now() + page.pollMs * SCALE : Infinity;
        while (Date.now() < Math.min(leave, until)) {
          const step = 5_000 * SCALE;
          await sleep(step);
          if (Date.now() >= nextPoll) {
            for (const path of page.mount(user)) await get(active, path, 'poll');
            nextPoll += page.pollMs * SCALE;
          }
          if (Math.random() >= (WRITES_PER_MINUTE * step) / MINUTE_MS) continue;
          const roll = Math.random();
          if (roll < 0.4) {
            if (habits.length < 3) {
              const res = await request({
                method: 'POST',
                path: '/api/habits',
                cookie: user.cookie,
                device: active,
                body: { name: `habit ${habits.length}`, cadence: 'daily' },
                kind: 'write',
              });
              if (res.status < 300) habits.push(JSON.parse(zlibText(res)));
            } else {
              const habit = habits[Math.floor(Math.random() * habits.length)];
              await request({
                method: 'PATCH',
                path: `/api/habits/${habit.id}`,
                cookie: user.cookie,
                device: active,
                body: { name: `renamed ${Date.now()}` },
                kind: 'write',
              });
            }
          } else if (roll < 0.7) {
            const startsAt = Date.now() + Math.floor(Math.random() * 5 * 86_400_000);
            await request({
              method: 'POST',
              path: '/api/planner/events',
              cookie: user.cookie,
              device: active,
              body: { title: 'bench event', startsAt, endsAt: startsAt + 3_600_000 },
              kind: 'write',
            });
          } else {
            await request({
              method: 'POST',
              path: focusOn ? '/api/focus/stop' : '/api/focus/start',
              cookie: user.cookie,
              device: active,
              body: focusOn ? { completed: true } : { mode: 'focus', plannedMinutes: 25, taskTitle: 'bench' },
              kind: 'write',
            });
            focusOn = !focusOn;
          }
        }
      }
    })(),
  );
  await Promise.all(work);
}

function zlibText(res) {
  if (res.encoding === 'br') return brotliDecompressSync(res.raw).toString();
  if (res.encoding === 'gzip') return gunzipSync(res.raw).toString();
  return res.raw.toString();
}

const started = Date.now();
const dir = mkdtempSync(join(tmpdir(), 'bench-capacity-'));
const env = benchServerEnv(
  { port: PORT, dataDir: join(dir, 'data'), secret: SECRET },
  {
    SSE_MAX_STREAMS_PER_USER: String(Math.ceil(IDLE_STREAMS / USERS) + 5),
    // Heartbeats compressed like the rest of the contracts' time: their bytes and CPU are billed too.
    SSE_HEARTBEAT_MS: String(Math.max(1000, 15_000 * SCALE)),
  },
);
const launcher = spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, 'scripts/start.mjs'], {
  env,
  stdio: 'ignore',
});
children.add(launcher);
await waitHealthy();
const pid = Number(
  readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8')
    .trim()
    .split(' ')
    .find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('passion-server')),
);

log(`signing up ${USERS} users`);
const users = [];
for (let i = 0; i < USERS; i += 4) {
  const batch = [];
  for (let j = i; j < Math.min(USERS, i + 4); j++) {
    batch.push(
      (async () => {
        const email = `cap${j}@example.test`;
        await request({ method: 'POST', path: '/api/auth/signup', body: { email, password: 'bench password 123', name: `cap${j}` }, kind: 'setup' });
        const cookie = await signInCookie(`http://127.0.0.1:${PORT}`, email, 'bench password 123');
        // The second device signs in on its own: a session of its own, as a phone's is.
        const otherCookie = await signInCookie(`http://127.0.0.1:${PORT}`, email, 'bench password 123');
        return { n: j, cookie, otherCookie, clientId: `capclient${j}`, streams: [] };
      })(),
    );
  }
  users.push(...(await Promise.all(batch)));
}
// Warm every path once, so compilation and first-touch costs are not billed to the users.
const warmUntil = Date.now() + 3 * MINUTE_MS;
await Promise.all(users.slice(0, 3).map((u) => simulate(u, warmUntil)));
users.slice(0, 3).forEach((u) => u.streams.splice(0).forEach((s) => s.destroy()));
await sleep(1000);

log(`${USERS} users × ${MINUTES} contract minutes (${((MINUTES * MINUTE_MS) / 1000).toFixed(0)} s)`);
const cpu0 = cpuMs(pid);
const wall0 = Date.now();
meter.on = true;
await Promise.all(users.map((u) => simulate(u, Date.now() + MINUTES * MINUTE_MS)));
meter.on = false;
const activeCpuMs = cpuMs(pid) - cpu0;
const activeWallS = (Date.now() - wall0) / 1000;
const userMinutes = USERS * MINUTES;
users.forEach((u) => u.streams.splice(0).forEach((s) => s.destroy()));
await sleep(2000);

for (const u of users) u.streams.push(await openStream(u, `web-${u.n}`), await openStream(u, `phone-${u.n}`));

// Memory of an idle stream, in this run.
const rssBefore = rssKb(pid);
const idle = [];
for (let i = 0; i < IDLE_STREAMS; i += 200) {
  idle.push(...(await Promise.all(Array.from({ length: Math.min(200, IDLE_STREAMS - i) }, (_, j) => openStream(users[(i + j) % USERS], `idle${i + j}`)))));
}
await sleep(2000);
const kbPerStream = (rssKb(pid) - rssBefore) / IDLE_STREAMS;
idle.forEach((s) => s.destroy());
const rssBase = rssBefore;

// The write ceiling: habit renames from 16 clients at once, each a committed write with its nudge.
log('write ceiling');
const targets = [];
for (const u of users.slice(0, 16)) {
  const res = await request({
    method: 'POST',
    path: '/api/habits',
    cookie: u.cookie,
    device: 'ceiling',
    body: { name: 'ceiling', cadence: 'daily' },
    kind: 'setup',
  });
  targets.push({ u, id: JSON.parse(zlibText(res)).id });
}
let done = 0;
const ceilingStatuses = {};
const cpuW = cpuMs(pid);
const t0 = Date.now();
await Promise.all(
  targets.map(async ({ u, id }) => {
    while (done < CEILING_WRITES) {
      done += 1;
      const { status } = await request({
        method: 'PATCH',
        path: `/api/habits/${id}`,
        cookie: u.cookie,
        device: 'ceiling',
        body: { name: `ceiling ${done}` },
        kind: 'setup',
      });
      ceilingStatuses[status] = (ceilingStatuses[status] ?? 0) + 1;
    }
  }),
);
const ceilingS = (Date.now() - t0) / 1000;
const writesPerS = done / ceilingS;
const cpuPerWriteMs = (cpuMs(pid) - cpuW) / done;
users.forEach((u) => u.streams.splice(0).forEach((s) => s.destroy()));
/** The server's own soft file-descriptor limit: one per stream. */
const fdLimit = Number(/Max open files\s+(\d+)/.exec(readFileSync(`/proc/${pid}/limits`, 'utf8'))?.[1]) || Infinity;
launcher.kill('SIGTERM');

// Per active user and (contract) minute.
const perUser = {
  requests_per_min: +(meter.requests / userMinutes).toFixed(2),
  requests_by_kind_per_min: Object.fromEntries(Object.entries(meter.byKind).map(([k, v]) => [k, +(v / userMinutes).toFixed(2)])),
  not_modified_share: +(meter.notModified / meter.requests).toFixed(2),
  response_bytes_per_min: Math.round(meter.bytes / userMinutes),
  sse_bytes_per_min: Math.round((meter.sseBytes ?? 0) / userMinutes),
  data_writes_per_min: +(meter.writes / userMinutes).toFixed(2),
  // Each session's last-seen time is written at most once a minute (TOUCH_EVERY_MS), and both
  // devices ask something at least every 30 s: two more writes a minute (real minutes — the
  // compressed run makes fewer of them, so they are counted here, not measured).
  session_touches_per_min: 2,
  db_writes_per_min: +(meter.writes / userMinutes + 2).toFixed(2),
  // The server's CPU over the run (heartbeats and timers included), billed to the users: the run
  // compresses USERS ÷ SCALE users' traffic into its wall time; per user-minute it is the same.
  cpu_ms_per_min: +(activeCpuMs / userMinutes).toFixed(1),
  // The session touches the compressed run made only a tenth of (SCALE), billed at a whole write's
  // CPU (an upper bound: a touch is one UPDATE).
  cpu_ms_per_min_with_touches: +(activeCpuMs / userMinutes + 2 * (1 - SCALE) * cpuPerWriteMs).toFixed(1),
  sse_streams: 2,
  sse_memory_kb: +(2 * kbPerStream).toFixed(1),
};
const cores = cpus().length;
const memoryKb = totalmem() / 1024;

// Users per resource, each at its planned share (HEADROOM, WRITER_SHARE); the smallest runs out first.
const byResource = {
  // JavaScript runs on one thread: a node's requests, writes and heartbeats share one core's time
  // (the second core runs GC helpers, the kernel's network work and other processes).
  event_loop: Math.floor((60_000 * HEADROOM) / perUser.cpu_ms_per_min_with_touches),
  memory: Math.floor((memoryKb * HEADROOM - rssBase) / perUser.sse_memory_kb),
  file_descriptors: Math.floor((fdLimit - 1000) / perUser.sse_streams),
  database_writes: Math.floor((writesPerS * 60 * WRITER_SHARE) / perUser.db_writes_per_min),
};
const first = Object.entries(byResource).sort((a, b) => a[1] - b[1])[0];
console.log(
  JSON.stringify({
    bench: 'capacity',
    machine: `${cores} × ${cpus()[0]?.model ?? 'cpu'}, ${(memoryKb / 2 ** 20).toFixed(1)} GiB`,
    node: process.version,
    users: USERS,
    contract_minutes: MINUTES,
    time_scale: SCALE,
    devices_per_user: 2,
    writes_per_active_minute: WRITES_PER_MINUTE,
    page_mix: Object.fromEntries(PAGES.map((p) => [p.name, p.share])),
    per_user: perUser,
    node_figures: {
      server_cpu_share_during_run: +(activeCpuMs / (activeWallS * 1000 * cores)).toFixed(2),
      rss_kb_base: rssBase,
      kb_per_idle_stream: +kbPerStream.toFixed(2),
      write_ceiling_per_s: Math.round(writesPerS),
      write_ceiling_statuses: ceilingStatuses,
      cpu_ms_per_write: +cpuPerWriteMs.toFixed(2),
      fd_limit: fdLimit,
    },
    users_per_node_by_resource: byResource,
    first_to_saturate: first[0],
    users_per_node: first[1],
    planning: { headroom: HEADROOM, writer_share: WRITER_SHARE },
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
process.exit(0);
