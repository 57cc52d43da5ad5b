// bench/sse: nudge latency (p50/p99) with 1,000 and 5,000 idle connections of other users, and
// memory per idle SSE connection at 1,000 and 10,000 — the app beside a raw node:http SSE server
// measured in the same run. Prints one JSON line. Usage: npm run bench:sse [-- --quick]
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'next-auth/jwt';

const QUICK = process.argv.includes('--quick');
const LATENCY_AT = QUICK ? [200, 1000] : [1000, 5000];
const MEMORY_AT = QUICK ? [1000, 2000] : [1000, 10000];
const SAMPLES = QUICK ? 50 : 200;
/** The idle connections belong to this many other users (real accounts: a session of an unknown user is 401). */
const IDLE_USERS = 50;
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function rssKb(pid) {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line.split(/\s+/)[1]);
}

async function waitHealthy(url) {
  for (let i = 0; i < 1500; i++) {
    const ok = await fetch(url).then((r) => r.ok).catch(() => false);
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
 * Latency from sending the change to the listener seeing its event, SAMPLES times. The clock stops
 * when the event's bytes arrive, not when the sender's own answer does: both servers publish before
 * they answer, and the sender's response time is not what the other device waits for.
 */
async function measureLatency(send, listenerChunks) {
  const samples = [];
  for (let i = 0; i < SAMPLES; i++) {
    const seen = listenerChunks.count;
    const t0 = process.hrtime.bigint();
    const arrived = new Promise((resolve) => (listenerChunks.waiter = () => listenerChunks.count > seen && resolve(process.hrtime.bigint())));
    await send(i);
    const at = await arrived;
    samples.push(Number(at - t0) / 1e6);
    await sleep(5);
  }
  samples.sort((a, b) => a - b);
  return { p50_ms: +percentile(samples, 50).toFixed(3), p99_ms: +percentile(samples, 99).toFixed(3) };
}

function chunkCounter() {
  const c = { count: 0, waiter: null, onData: (chunk) => {
    if (!chunk.includes('data:')) return;
    c.count += 1;
    c.waiter?.();
  } };
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

async function benchRaw(port) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-raw-'));
  writeFileSync(join(dir, 'raw.cjs'), RAW_SERVER);
  const server = spawn(process.execPath, [join(dir, 'raw.cjs'), String(port)], { stdio: 'ignore' });
  try {
    await waitHealthy(`http://127.0.0.1:${port}/health`);
    return await runScenario({
      port,
      pid: server.pid,
      idlePath: (i) => `/events?user=idle${i % IDLE_USERS}&deviceId=d${i}`,
      idleCookie: () => null,
      listenerPath: '/events?user=target&deviceId=listener',
      listenerCookie: null,
      send: () => request(port, { method: 'POST', path: '/publish', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'target', device: 'sender' }) }),
    });
  } finally {
    server.kill('SIGTERM');
  }
}

/** `npm start`'s server (node:http /api/events) or plain `next start` (the route handler). */
async function benchApp(port, mode) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sse-'));
  const env = { ...process.env, PORT: String(port), DATA_DIR: join(dir, 'data'), APP_ENV: 'test', NEXTAUTH_SECRET: SECRET, SSE_THROTTLE_MS: '0', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.REDIS_URL;
  const args = mode === 'node' ? ['scripts/start.mjs'] : ['node_modules/next/dist/bin/next', 'start', '-p', String(port)];
  const launcher = spawn(process.execPath, args, { env, stdio: 'ignore' });
  let server = launcher;
  try {
    await waitHealthy(`http://127.0.0.1:${port}/api/health`);
    if (mode === 'node') {
      const children = readFileSync(`/proc/${launcher.pid}/task/${launcher.pid}/children`, 'utf8').trim().split(' ');
      const pid = children.map(Number).find((c) => readFileSync(`/proc/${c}/cmdline`, 'utf8').includes('passion-server'));
      server = { pid, kill: () => {} };
    }
    const signUp = async (name) => {
      const body = JSON.stringify({ email: `${name}@example.test`, password: 'bench password 123', name });
      return JSON.parse((await request(port, { method: 'POST', path: '/api/auth/signup', headers: { 'content-type': 'application/json' }, body })).body).id;
    };
    const token = async (sub) => `next-auth.session-token=${await encode({ token: { sub, sid: randomUUID(), role: 'user', termsVersion: 1 }, secret: SECRET })}`;
    const targetCookie = await token(await signUp('bench'));
    const idleCookies = [];
    for (let i = 0; i < IDLE_USERS; i++) idleCookies.push(await token(await signUp(`idle${i}`)));
    return await runScenario({
      port,
      pid: server.pid,
      idlePath: (i) => `/api/events?deviceId=d${i}&deviceLabel=idle`,
      idleCookie: (i) => idleCookies[i % idleCookies.length],
      listenerPath: '/api/events?deviceId=listener&deviceLabel=listener',
      listenerCookie: targetCookie,
      send: (i) => request(port, { method: 'PATCH', path: '/api/me', headers: { 'content-type': 'application/json', cookie: targetCookie, 'x-device-id': 'sender' }, body: JSON.stringify({ name: `Bench ${i}` }) }),
    });
  } finally {
    launcher.kill('SIGTERM');
  }
}

async function runScenario({ port, pid, idlePath, idleCookie, listenerPath, listenerCookie, send }) {
  const counter = chunkCounter();
  const listener = await openStream(port, listenerPath, listenerCookie, counter.onData);
  for (let i = 0; i < 20; i++) await send(i); // warm up every code path before measuring
  await sleep(500);
  const rssStart = rssKb(pid);
  const out = { latency: {}, memory: {} };
  const idle = [];
  const targets = [...new Set([...LATENCY_AT, ...MEMORY_AT])].sort((a, b) => a - b);
  for (const n of targets) {
    idle.push(...(await openIdle(port, n - idle.length, (i) => idlePath(i + idle.length), (i) => idleCookie(i + idle.length))));
    await sleep(1500);
    if (MEMORY_AT.includes(n)) out.memory[n] = { rss_kb: rssKb(pid), kb_per_connection: +((rssKb(pid) - rssStart) / n).toFixed(2) };
    if (LATENCY_AT.includes(n)) out.latency[n] = await measureLatency(send, counter);
  }
  idle.forEach((s) => s.close());
  listener.close();
  return out;
}

const started = Date.now();
// The first app run goes through scripts/start.mjs, which builds when the sources changed.
const app = await benchApp(4702, 'node');
const raw = await benchRaw(4701);
const routeHandler = await benchApp(4703, 'route');
const ratios = {};
for (const n of LATENCY_AT) ratios[`p99_at_${n}`] = +(app.latency[n].p99_ms / raw.latency[n].p99_ms).toFixed(2);
for (const n of MEMORY_AT) ratios[`memory_at_${n}`] = +(app.memory[n].kb_per_connection / raw.memory[n].kb_per_connection).toFixed(2);
console.log(JSON.stringify({
  bench: 'sse',
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
  node: process.version,
  samples: SAMPLES,
  throttle_ms: 0,
  app,
  raw,
  route_handler: routeHandler,
  ratio_app_to_raw: ratios,
  targets: { p99_within_3x_at_5000: ratios.p99_at_5000 !== undefined ? ratios.p99_at_5000 <= 3 : null, kb_per_connection_at_10000_max_30: app.memory[10000] ? app.memory[10000].kb_per_connection <= 30 : null },
  seconds: Math.round((Date.now() - started) / 1000),
}));
process.exit(0);
