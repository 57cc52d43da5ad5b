// bench/sse: nudge latency (p50/p99) with 1,000, 5,000 and the largest number of idle connections
// of other users; memory per idle SSE connection at 1,000, 10,000 and the largest size; and the CPU
// the heartbeats cost (process CPU time over an idle window at the largest size, per second) — the
// app beside a raw node:http SSE server measured in the same run — and each server's process CPU time
// per nudge over the latency phase (`cpu_ms_per_nudge`). Prints one JSON line.
// Usage: npm run bench:sse [-- --quick] [--connections N] [--port P] [--skip-route-handler]; BENCH_PORT=P sets the port too
//
// The largest size is the 50,000 (`--connections N` to choose), capped at what one server
// process may hold under this machine's hard file-descriptor limit (20,000 in the CI container: the
// JSON says which). Every process the bench starts runs with its soft limit raised to the hard one;
// the idle streams come from child processes (bench/sse-clients.mjs), each holding up to 10,000 from
// its own loopback address (127.0.0.2, .3, …) to pass one address's ephemeral-port range.
//
// Both servers run at once, each with the same idle connections, and latency samples alternate
// between them (one app change, one raw change, …): a noisy moment on this shared machine then
// lands on both series instead of on whichever happened to be measured at the time.
import { execSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { signInCookie } from '../scripts/sign-in.mjs';
import { benchServerEnv } from './server-env.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
};
const QUICK = argv.includes('--quick');
/** The raw server listens on this port, the app on the next, the route-handler app on the one after, the floor on the fourth. */
const PORT = option('port', Number(process.env.BENCH_PORT) || 4701);
/** Every process this bench starts may open as many files as the hard limit allows (a server holds one per connection). */
const FD_HARD_LIMIT = Number(execSync('ulimit -Hn', { shell: '/bin/sh' }).toString().trim()) || Infinity;
/** The largest size asked for (`--connections N`; the 50,000 unless --quick) and the one this machine allows one server process. */
const REQUESTED = option('connections', QUICK ? 0 : 50000);
const LARGEST = REQUESTED ? Math.min(REQUESTED, FD_HARD_LIMIT - 1000) : 0;
const uniq = (sizes) => [...new Set(sizes.filter(Boolean))].sort((a, b) => a - b);
const LATENCY_AT = uniq(QUICK ? [200, 1000, LARGEST] : [1000, 5000, LARGEST]);
const MEMORY_AT = uniq(QUICK ? [1000, 2000, LARGEST] : [1000, 10000, LARGEST]);
const SAMPLES = QUICK ? 100 : 1000;
/** Pause after each sample, so that what a server does after answering (its log line, timers, GC) is not timed on the next. */
const GAP_MS = 5;
/** The idle connections belong to this many other users (real accounts: a session of an unknown user is 401). */
const IDLE_USERS = 100;
/** Memory is read as the lowest RSS over this idle window (settledRssKb). */
const MEMORY_SETTLE_MS = QUICK ? 3000 : 10000;
/** Both servers write a comment heartbeat to every connection this often (the app's default). */
const HEARTBEAT_MS = 15000;
/** The heartbeats' CPU: each server's process CPU time over this idle window, at the largest size. */
const IDLE_WINDOW_MS = QUICK ? HEARTBEAT_MS : 2 * HEARTBEAT_MS;
/** Idle streams one client process holds, each from its own loopback address (~28,000 ephemeral ports per address). */
const PER_CLIENT_PROCESS = Math.min(10000, FD_HARD_LIMIT - 500);
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });
const here = dirname(fileURLToPath(import.meta.url));

/** Every process this bench starts, stopped when it ends — also on an error or Ctrl-C. */
const children = new Set();
function track(child) {
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}
function stopAll() {
  for (const child of children) child.kill('SIGTERM');
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

/** Spawns `node …args` with its soft file-descriptor limit raised to the hard one (node has no setrlimit). */
function spawnNode(args, options) {
  return track(spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...args], options));
}

function rssKb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]);
}

/** User + system CPU time of the process so far, in ms (/proc/<pid>/stat counts clock ticks of 10 ms). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The processes holding the idle streams: each up to PER_CLIENT_PROCESS, from 127.0.0.2, .3, … */
const clients = {
  workers: [],
  nextId: 1,
  async spawn() {
    const address = `127.0.0.${2 + this.workers.length}`;
    const child = spawnNode([join(here, 'sse-clients.mjs'), address], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = { child, address, held: 0, pending: new Map() };
    child.on('message', (msg) => {
      if (msg.ready) return worker.ready?.();
      const done = worker.pending.get(msg.id);
      worker.pending.delete(msg.id);
      if (msg.ok) done?.resolve(msg);
      else done?.reject(new Error(msg.error));
    });
    child.on('exit', () => worker.pending.forEach(({ reject }) => reject(new Error(`client process ${address} exited`))));
    await new Promise((resolve) => (worker.ready = resolve));
    this.workers.push(worker);
    return worker;
  },
  ask(worker, msg) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      worker.pending.set(id, { resolve, reject });
      worker.child.send({ ...msg, id });
    });
  },
  /** Opens every `{path, cookie}` of `items` on `port`, filling client processes in turn. */
  async open(port, items) {
    for (let i = 0; i < items.length;) {
      const worker = this.workers.find((w) => w.held < PER_CLIENT_PROCESS) ?? (await this.spawn());
      const take = Math.min(items.length - i, PER_CLIENT_PROCESS - worker.held);
      worker.held += take;
      await this.ask(worker, { op: 'open', port, items: items.slice(i, i + take) });
      i += take;
    }
  },
  /** Streams the servers ended while they should have stayed open, per port. */
  async dropped() {
    const total = {};
    for (const w of this.workers) for (const [port, n] of Object.entries((await this.ask(w, { op: 'stats' })).dropped)) total[port] = (total[port] ?? 0) + n;
    return total;
  },
  close() {
    this.workers.forEach((w) => w.child.send({ op: 'close' }));
    this.workers = [];
  },
};

async function waitHealthy(url) {
  for (let i = 0; i < 1500; i++) {
    const ok = await fetch(url)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await sleep(200);
  }
  throw new Error(`${url} never came up`);
}

function request(port, { method = 'GET', path, headers = {}, body }) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('error', reject);
    if (body) req.end(body);
    else req.end();
  });
}

/** Opens an SSE stream; resolves once the first bytes arrive. `onData` sees every later chunk. */
function openStream(port, path, cookie, onData) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, headers: cookie ? { cookie } : {}, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream status ${res.statusCode}`));
      let first = true;
      res.on('data', (chunk) => {
        if (first) {
          first = false;
          resolve({ close: () => req.destroy() });
        } else onData?.(chunk.toString());
      });
    });
    req.on('error', reject);
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * One sample: from sending the change to the listener seeing its event. The clock stops when the
 * event's bytes arrive, not when the sender's own answer does: both servers publish before they
 * answer, and the sender's response time is not what the other device waits for.
 */
async function sampleOnce(target, i) {
  const { send, counter } = target;
  const seen = counter.count;
  const t0 = process.hrtime.bigint();
  const arrived = new Promise((resolve) => (counter.waiter = () => counter.count > seen && resolve(process.hrtime.bigint())));
  await send(i);
  const at = await arrived;
  return Number(at - t0) / 1e6;
}

function summary(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50_ms: +percentile(sorted, 50).toFixed(3), p99_ms: +percentile(sorted, 99).toFixed(3) };
}

/**
 * SAMPLES samples per target, alternating between the targets; with each target's process CPU time
 * per sample over the phase (heartbeats included, the same for all): on this shared machine it
 * moves far less from run to run than a p99 does.
 */
async function measureLatency(targets) {
  const samples = targets.map(() => []);
  const cpuBefore = targets.map((t) => cpuMs(t.pid));
  for (let i = 0; i < SAMPLES; i++) {
    for (const [t, target] of targets.entries()) {
      samples[t].push(await sampleOnce(target, i));
      await sleep(GAP_MS);
    }
  }
  return samples.map((s, t) => ({ ...summary(s), cpu_ms_per_nudge: +((cpuMs(targets[t].pid) - cpuBefore[t]) / SAMPLES).toFixed(3) }));
}

function chunkCounter() {
  const c = {
    count: 0,
    waiter: null,
    onData: (chunk) => {
      if (!chunk.includes('data:')) return;
      c.count += 1;
      c.waiter?.();
    },
  };
  return c;
}

// The baseline does the transport work of any SSE server that survives proxies (a comment
// heartbeat to every connection every HEARTBEAT_MS, as the app does) and nothing else: no framework,
// no authentication, no database. It exits when the bench's end of its stdin closes.
// With a database (argv[4], argv[5]) it is the floor of a nudge: the same server, committing the
// change before it publishes it — one UPDATE in a write transaction through @libsql/client, on a
// WAL file at synchronous=NORMAL, as the app's writes are — and nothing else of the app.
const RAW_SERVER = `
const http = require('node:http');
const users = new Map();
let seq = 0;
const db = process.argv[4] ? require(process.argv[4]).createClient({ url: 'file:' + process.argv[5] }) : null;
const ready = db
  ? db.executeMultiple("PRAGMA journal_mode=WAL; CREATE TABLE users (id TEXT PRIMARY KEY, name TEXT NOT NULL, version INTEGER NOT NULL); INSERT INTO users VALUES ('target', '', 0);")
  : Promise.resolve();
async function commit(name) {
  if (!db) return;
  await db.execute('PRAGMA synchronous=NORMAL');
  const tx = await db.transaction('write');
  await tx.execute({ sql: 'UPDATE users SET name = ?, version = version + 1 WHERE id = ?', args: [name, 'target'] });
  await tx.commit();
}
setInterval(() => { for (const set of users.values()) for (const c of set) c.res.write(': hb\\n\\n'); }, Number(process.argv[3]));
http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (req.method === 'GET' && url.pathname === '/events') {
    const user = url.searchParams.get('user');
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform' });
    res.write('retry: 3000\\n\\n');
    let set = users.get(user); if (!set) users.set(user, set = new Set());
    const conn = { res, device: url.searchParams.get('deviceId') };
    set.add(conn);
    req.on('close', () => set.delete(conn));
  } else if (req.method === 'POST' && url.pathname === '/publish') {
    let body = ''; req.on('data', (c) => body += c); req.on('end', async () => {
      const { user, device, name } = JSON.parse(body);
      await commit(name);
      const event = JSON.stringify({ channel: 'changed', type: 'changed', payload: { scope: 'profile' }, sourceDeviceId: device, timestamp: new Date().toISOString() });
      seq += 1;
      for (const c of users.get(user) ?? []) if (c.device !== device) c.res.write('id: ' + seq + '\\ndata: ' + event + '\\n\\n');
      res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{}');
    });
  } else if (url.pathname === '/health') { ready.then(() => res.end('ok')); }
  else { res.writeHead(404); res.end(); }
}).listen(Number(process.argv[2]), '127.0.0.1');
process.stdin.on('end', () => process.exit(0)).resume();
`;

/** A server under test: how to reach it, its idle connections, its listener and how to send it a change. */
async function startRaw(port, { commit = false } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  writeFileSync(join(dir, 'raw.cjs'), RAW_SERVER);
  const database = commit ? [createRequire(import.meta.url).resolve('@libsql/client'), join(dir, 'floor.db')] : [];
  const server = spawnNode([join(dir, 'raw.cjs'), String(port), String(HEARTBEAT_MS), ...database], { stdio: ['pipe', 'ignore', 'inherit'] });
  await waitHealthy(`http://127.0.0.1:${port}/health`);
  return {
    port,
    pid: server.pid,
    stop: () => server.kill('SIGTERM'),
    idlePath: (i) => `/events?user=idle${i % IDLE_USERS}&deviceId=d${i}`,
    idleCookie: () => null,
    listenerPath: '/events?user=target&deviceId=listener',
    listenerCookie: null,
    send: (i) =>
      request(port, {
        method: 'POST',
        path: '/publish',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'target', device: 'sender', name: `Bench ${i}` }),
      }),
  };
}

/** `npm start`'s server (`mode` node: API routes and /api/events on node:http) or plain `next start` (route handlers only). */
async function startApp(port, mode, largest) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sse-'));
  const env = benchServerEnv(
    { port, dataDir: join(dir, 'data'), secret: SECRET },
    {
      SSE_THROTTLE_MS: '0',
      SSE_HEARTBEAT_MS: String(HEARTBEAT_MS),
      // The idle streams are IDLE_USERS users' (signing in thousands of accounts would take the bench
      // an hour of scrypt): each may hold its share of them on this node (decision 026).
      SSE_MAX_STREAMS_PER_USER: String(Math.ceil(largest / IDLE_USERS) + 2),
    },
  );
  const args = mode === 'node' ? ['scripts/start.mjs'] : ['node_modules/next/dist/bin/next', 'start', '-p', String(port)];
  const launcher = spawnNode(args, { env, stdio: 'ignore' });
  let pid = launcher.pid;
  try {
    await waitHealthy(`http://127.0.0.1:${port}/api/health`);
    if (mode === 'node') {
      const children = readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim().split(' ');
      pid = children.map(Number).find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('passion-server'));
    }
    /** A new account, signed in as a browser would be (its session is a server-side row too). */
    const signedIn = async (name) => {
      const email = `${name}@example.test`;
      const body = JSON.stringify({ email, password: 'bench password 123', name });
      await request(port, { method: 'POST', path: '/api/auth/signup', headers: { 'content-type': 'application/json' }, body });
      return signInCookie(`http://127.0.0.1:${port}`, email, 'bench password 123');
    };
    const targetCookie = await signedIn('bench');
    const idleCookies = [];
    // Four at a time: scrypt runs on libuv's four threads.
    for (let i = 0; i < IDLE_USERS; i += 4) idleCookies.push(...(await Promise.all([0, 1, 2, 3].map((j) => signedIn(`idle${i + j}`)))));
    return {
      port,
      pid,
      stop: () => launcher.kill('SIGTERM'),
      idlePath: (i) => `/api/events?deviceId=d${i}&deviceLabel=idle`,
      idleCookie: (i) => idleCookies[i % IDLE_USERS],
      listenerPath: '/api/events?deviceId=listener&deviceLabel=listener',
      listenerCookie: targetCookie,
      send: (i) =>
        request(port, {
          method: 'PATCH',
          path: '/api/me',
          headers: { 'content-type': 'application/json', cookie: targetCookie, 'x-device-id': 'sender' },
          body: JSON.stringify({ name: `Bench ${i}` }),
        }),
    };
  } catch (err) {
    launcher.kill('SIGTERM');
    throw err;
  }
}

/** Opens the listener and warms every code path up (runTogether then notes the memory before any idle connection). */
async function prepare(target) {
  target.counter = chunkCounter();
  target.listener = await openStream(target.port, target.listenerPath, target.listenerCookie, target.counter.onData);
  for (let i = 0; i < 20; i++) await target.send(i);
  target.held = 0;
  target.out = { latency: {}, memory: {} };
}

async function grow(target, n) {
  const items = [];
  for (let i = target.held; i < n; i++) items.push({ path: target.idlePath(i), cookie: target.idleCookie(i) });
  await clients.open(target.port, items);
  target.held = n;
}

/**
 * Each target's resident memory once it has sat idle: the lowest RSS over MEMORY_SETTLE_MS, read
 * every half second. A garbage-collected server holds garbage until its next major GC (V8 collects
 * an idle heap within seconds): a single reading lands anywhere in that cycle, and at 10,000
 * connections moved the app's figure by several KB per connection from run to run.
 */
async function settledRssKb(targets) {
  const lowest = targets.map((t) => rssKb(t.pid));
  for (let waited = 0; waited < MEMORY_SETTLE_MS; waited += 500) {
    await sleep(500);
    targets.forEach((t, i) => (lowest[i] = Math.min(lowest[i], rssKb(t.pid))));
  }
  return lowest;
}

async function noteMemory(targets, n) {
  (await settledRssKb(targets)).forEach((rss, i) => {
    targets[i].out.memory[n] = { rss_kb: rss, kb_per_connection: +((rss - targets[i].rssStart) / n).toFixed(2) };
  });
}

/** Every target's process CPU over one idle window: the heartbeats (and whatever else runs when nobody writes). */
async function noteIdleCpu(targets, n) {
  const before = targets.map((t) => cpuMs(t.pid));
  await sleep(IDLE_WINDOW_MS);
  targets.forEach((t, i) => {
    const perSecond = (cpuMs(t.pid) - before[i]) / (IDLE_WINDOW_MS / 1000);
    t.out.idle_cpu = { connections: n, window_s: IDLE_WINDOW_MS / 1000, cpu_ms_per_s: +perSecond.toFixed(2) };
  });
}

/**
 * Grows the targets' idle connections through every size together, noting memory and (alternating
 * between the targets) latency at their sizes, and the idle CPU at the last.
 */
async function runTogether(targets, sizes = uniq([...LATENCY_AT, ...MEMORY_AT])) {
  try {
    for (const target of targets) await prepare(target);
    (await settledRssKb(targets)).forEach((rss, i) => (targets[i].rssStart = rss));
    for (const n of sizes) {
      for (const target of targets) await grow(target, n);
      await sleep(1500);
      if (MEMORY_AT.includes(n)) await noteMemory(targets, n);
      if (LATENCY_AT.includes(n)) (await measureLatency(targets)).forEach((latency, t) => (targets[t].out.latency[n] = latency));
    }
    await noteIdleCpu(targets, sizes.at(-1));
    const dropped = await clients.dropped();
    for (const target of targets) target.out.dropped_streams = dropped[target.port] ?? 0;
    return targets.map((t) => t.out);
  } finally {
    clients.close();
    for (const target of targets) {
      target.listener?.close();
      target.stop();
    }
  }
}

const started = Date.now();
// The app goes through scripts/start.mjs, which builds when the sources changed.
const largest = Math.max(...LATENCY_AT, ...MEMORY_AT);
const targets = [];
try {
  targets.push(await startApp(PORT + 1, 'node', largest), await startRaw(PORT), await startRaw(PORT + 3, { commit: true }));
} catch (err) {
  targets.forEach((t) => t.stop());
  throw err;
}
const [app, raw, floor] = await runTogether(targets);
// The naive route-handler stream, for its memory (decision 010): on its own, after the others, up to 10,000.
const routeSizes = uniq([...LATENCY_AT, ...MEMORY_AT]).filter((n) => n <= 10000);
const [routeHandler] = argv.includes('--skip-route-handler')
  ? [null]
  : await runTogether([await startApp(PORT + 2, 'route', Math.max(...routeSizes))], routeSizes);
const ratios = {};
for (const n of LATENCY_AT) ratios[`p99_at_${n}`] = +(app.latency[n].p99_ms / raw.latency[n].p99_ms).toFixed(2);
for (const n of LATENCY_AT) ratios[`p99_at_${n}_to_floor`] = +(app.latency[n].p99_ms / floor.latency[n].p99_ms).toFixed(2);
for (const n of LATENCY_AT) ratios[`floor_p99_at_${n}`] = +(floor.latency[n].p99_ms / raw.latency[n].p99_ms).toFixed(2);
for (const n of LATENCY_AT) ratios[`cpu_per_nudge_at_${n}`] = +(app.latency[n].cpu_ms_per_nudge / raw.latency[n].cpu_ms_per_nudge).toFixed(2);
for (const n of LATENCY_AT) ratios[`cpu_per_nudge_at_${n}_to_floor`] = +(app.latency[n].cpu_ms_per_nudge / floor.latency[n].cpu_ms_per_nudge).toFixed(2);
for (const n of MEMORY_AT) ratios[`memory_at_${n}`] = +(app.memory[n].kb_per_connection / raw.memory[n].kb_per_connection).toFixed(2);
ratios.idle_cpu = +(app.idle_cpu.cpu_ms_per_s / Math.max(raw.idle_cpu.cpu_ms_per_s, 0.01)).toFixed(2);
console.log(
  JSON.stringify({
    bench: 'sse',
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    node: process.version,
    samples: SAMPLES,
    latency_sampling: 'app, raw and floor alternate, each holding the same idle connections',
    memory_reading: `lowest RSS over ${MEMORY_SETTLE_MS / 1000} s idle, at the start and at each size, for every server alike`,
    throttle_ms: 0,
    heartbeat_ms: HEARTBEAT_MS,
    largest: {
      connections: largest,
      requested: REQUESTED || null,
      fd_hard_limit_per_process: Number.isFinite(FD_HARD_LIMIT) ? FD_HARD_LIMIT : 'unlimited',
      client_processes: Math.ceil((3 * largest) / PER_CLIENT_PROCESS),
      idle_users: IDLE_USERS,
    },
    app,
    raw,
    floor: { what: 'the raw server committing each change to SQLite (one UPDATE, WAL, synchronous=NORMAL) before publishing it', ...floor },
    route_handler: routeHandler,
    ratio_app_to_raw: ratios,
    targets: {
      p99_within_1_5x_at_5000: ratios.p99_at_5000 !== undefined ? ratios.p99_at_5000 <= 1.5 : null,
      memory_within_1_1x_at_10000: ratios.memory_at_10000 !== undefined ? ratios.memory_at_10000 <= 1.1 : null,
      [`kb_per_connection_at_${largest}_max_15`]: app.memory[largest].kb_per_connection <= 15,
      [`p99_within_1_5x_at_${largest}`]: ratios[`p99_at_${largest}`] !== undefined ? ratios[`p99_at_${largest}`] <= 1.5 : null,
      no_dropped_streams: app.dropped_streams === 0 && raw.dropped_streams === 0,
    },
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
process.exit(0);
