// bench/sse: nudge latency (p50/p99) with 1,000 and 5,000 idle connections of other users, and
// memory per idle SSE connection at 1,000 and 10,000 — the app beside a raw node:http SSE server
// measured in the same run. Prints one JSON line. Usage: npm run bench:sse [-- --quick]
//
// Both servers run at once, each with the same idle connections, and latency samples alternate
// between them (one app change, one raw change, …): a noisy moment on this shared machine then
// lands on both series instead of on whichever happened to be measured at the time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie } from '../scripts/sign-in.mjs';

const QUICK = process.argv.includes('--quick');
const LATENCY_AT = QUICK ? [200, 1000] : [1000, 5000];
const MEMORY_AT = QUICK ? [1000, 2000] : [1000, 10000];
const SAMPLES = QUICK ? 100 : 1000;
/** Pause after each sample, so that what a server does after answering (its log line, timers, GC) is not timed on the next. */
const GAP_MS = 5;
/** The idle connections belong to this many other users (real accounts: a session of an unknown user is 401). */
const IDLE_USERS = 50;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function rssKb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]);
}

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

async function openIdle(port, count, pathFor, cookieFor) {
  const streams = [];
  for (let i = 0; i < count; i += 250) {
    const batch = [];
    for (let j = i; j < Math.min(count, i + 250); j++) batch.push(openStream(port, pathFor(j), cookieFor(j)));
    streams.push(...(await Promise.all(batch)));
  }
  return streams;
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

/** SAMPLES samples per target, alternating between the targets. */
async function measureLatency(targets) {
  const samples = targets.map(() => []);
  for (let i = 0; i < SAMPLES; i++) {
    for (const [t, target] of targets.entries()) {
      samples[t].push(await sampleOnce(target, i));
      await sleep(GAP_MS);
    }
  }
  return samples.map(summary);
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
// heartbeat to every connection every 15 s, as the app does) and nothing else: no framework, no
// authentication, no database.
const RAW_SERVER = `
const http = require('node:http');
const users = new Map();
let seq = 0;
setInterval(() => { for (const set of users.values()) for (const c of set) c.res.write(': hb\\n\\n'); }, 15000);
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
    let body = ''; req.on('data', (c) => body += c); req.on('end', () => {
      const { user, device } = JSON.parse(body);
      const event = JSON.stringify({ channel: 'changed', type: 'changed', payload: { scope: 'profile' }, sourceDeviceId: device, timestamp: new Date().toISOString() });
      seq += 1;
      for (const c of users.get(user) ?? []) if (c.device !== device) c.res.write('id: ' + seq + '\\ndata: ' + event + '\\n\\n');
      res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{}');
    });
  } else if (url.pathname === '/health') { res.end('ok'); }
  else { res.writeHead(404); res.end(); }
}).listen(Number(process.argv[2]), '127.0.0.1');
`;

/** A server under test: how to reach it, its idle connections, its listener and how to send it a change. */
async function startRaw(port) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  writeFileSync(join(dir, 'raw.cjs'), RAW_SERVER);
  const server = spawn(process.execPath, [join(dir, 'raw.cjs'), String(port)], { stdio: 'ignore' });
  await waitHealthy(`http://127.0.0.1:${port}/health`);
  return {
    port,
    pid: server.pid,
    stop: () => server.kill('SIGTERM'),
    idlePath: (i) => `/events?user=idle${i % IDLE_USERS}&deviceId=d${i}`,
    idleCookie: () => null,
    listenerPath: '/events?user=target&deviceId=listener',
    listenerCookie: null,
    send: () =>
      request(port, {
        method: 'POST',
        path: '/publish',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: 'target', device: 'sender' }),
      }),
  };
}

/** `npm start`'s server (`mode` node: API routes and /api/events on node:http) or plain `next start` (route handlers only). */
async function startApp(port, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sse-'));
  const env = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: join(dir, 'data'),
    APP_ENV: 'test',
    NEXTAUTH_SECRET: SECRET,
    SSE_THROTTLE_MS: '0',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  delete env.REDIS_URL;
  const args = mode === 'node' ? ['scripts/start.mjs'] : ['node_modules/next/dist/bin/next', 'start', '-p', String(port)];
  const launcher = spawn(process.execPath, args, { env, stdio: 'ignore' });
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
    for (let i = 0; i < IDLE_USERS; i++) idleCookies.push(await signedIn(`idle${i}`));
    return {
      port,
      pid,
      stop: () => launcher.kill('SIGTERM'),
      idlePath: (i) => `/api/events?deviceId=d${i}&deviceLabel=idle`,
      idleCookie: (i) => idleCookies[i % idleCookies.length],
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

/** Opens the listener, warms every code path up, and notes the memory before any idle connection. */
async function prepare(target) {
  target.counter = chunkCounter();
  target.listener = await openStream(target.port, target.listenerPath, target.listenerCookie, target.counter.onData);
  for (let i = 0; i < 20; i++) await target.send(i);
  await sleep(500);
  target.rssStart = rssKb(target.pid);
  target.idle = [];
  target.out = { latency: {}, memory: {} };
}

async function grow(target, n) {
  const { idle } = target;
  idle.push(
    ...(await openIdle(
      target.port,
      n - idle.length,
      (i) => target.idlePath(i + idle.length),
      (i) => target.idleCookie(i + idle.length),
    )),
  );
}

function noteMemory(target, n) {
  const rss = rssKb(target.pid);
  target.out.memory[n] = { rss_kb: rss, kb_per_connection: +((rss - target.rssStart) / n).toFixed(2) };
}

function finish(target) {
  target.idle.forEach((s) => s.close());
  target.listener.close();
  target.stop();
  return target.out;
}

/**
 * Grows the targets' idle connections through every size, noting memory and (alternating between
 * the targets) latency at their sizes. Past the last latency size the targets grow one at a time,
 * each to the end before the next: this process's file descriptors hold 15,000 sockets, not 20,000.
 */
async function runTogether(targets) {
  for (const target of targets) await prepare(target);
  const lastTogether = Math.max(...LATENCY_AT);
  const sizes = [...new Set([...LATENCY_AT, ...MEMORY_AT])].sort((a, b) => a - b);
  for (const n of sizes.filter((size) => size <= lastTogether)) {
    for (const target of targets) await grow(target, n);
    await sleep(1500);
    if (MEMORY_AT.includes(n)) targets.forEach((target) => noteMemory(target, n));
    if (LATENCY_AT.includes(n)) (await measureLatency(targets)).forEach((latency, t) => (targets[t].out.latency[n] = latency));
  }
  const results = [];
  for (const target of targets) {
    for (const n of sizes.filter((size) => size > lastTogether)) {
      await grow(target, n);
      await sleep(1500);
      noteMemory(target, n);
    }
    results.push(finish(target));
  }
  return results;
}

const started = Date.now();
// The app goes through scripts/start.mjs, which builds when the sources changed.
const appServer = await startApp(4702, 'node');
const rawServer = await startRaw(4701).catch((err) => {
  appServer.stop();
  throw err;
});
const [app, raw] = await runTogether([appServer, rawServer]);
// The naive route-handler stream, for its memory (decision 010): on its own, after the others.
const [routeHandler] = await runTogether([await startApp(4703, 'route')]);
const ratios = {};
for (const n of LATENCY_AT) ratios[`p99_at_${n}`] = +(app.latency[n].p99_ms / raw.latency[n].p99_ms).toFixed(2);
for (const n of MEMORY_AT) ratios[`memory_at_${n}`] = +(app.memory[n].kb_per_connection / raw.memory[n].kb_per_connection).toFixed(2);
console.log(
  JSON.stringify({
    bench: 'sse',
    machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
    node: process.version,
    samples: SAMPLES,
    latency_sampling: 'app and raw alternate, both holding the same idle connections',
    throttle_ms: 0,
    app,
    raw,
    route_handler: routeHandler,
    ratio_app_to_raw: ratios,
    targets: {
      p99_within_3x_at_5000: ratios.p99_at_5000 !== undefined ? ratios.p99_at_5000 <= 3 : null,
      kb_per_connection_at_10000_max_30: app.memory[10000] ? app.memory[10000].kb_per_connection <= 30 : null,
    },
    seconds: Math.round((Date.now() - started) / 1000),
  }),
);
process.exit(0);
