// bench/sse-profile: where the app server's CPU goes while it takes nudges (the PATCH /api/me of
// bench/sse, each waited for on another device's stream) with idle streams open. Starts the built
// server (`npm start`'s bundle) under `node --cpu-prof`, sends the nudges, stops it, and prints one
// JSON line: the server's process CPU time per nudge (the profiler's own cost included), the share of
// its busy time by part of the code, and the top self-time frames.
// Usage: node bench/sse-profile.mjs [--nudges N] [--idle N] [--port P] [--keep DIR]; NEXT_DIST_DIR picks the build.
//
// A sample's time goes to the innermost frame that belongs to a known part (the SQLite binding and
// @libsql/client, drizzle, this app's modules by their path in the bundle, Node's HTTP, …): a
// JSON.stringify called by the realtime hub is the hub's time. Idle time is left out of the shares.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signInCookie } from '../scripts/sign-in.mjs';
import { benchServerEnv } from './server-env.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : fallback;
};
const NUDGES = Number(option('nudges', 3000));
const IDLE = Number(option('idle', 2000));
const PORT = Number(option('port', 4791));
const DIST = process.env.NEXT_DIST_DIR || '.next';
const SECRET = 'bench-secret-bench-secret-bench-secret-0123';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function request(method, path, headers = {}, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: PORT, method, path, headers, agent }, (res) => {
      let data = '';
      res.on('data', (c) => (data += c));
      res.on('end', () => resolve({ status: res.statusCode, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function openStream(path, cookie, onData) {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: PORT, path, headers: { cookie }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`stream status ${res.statusCode}`));
      let first = true;
      res.on('data', (chunk) => {
        if (first) {
          first = false;
          resolve(req);
        } else onData?.(chunk.toString());
      });
    });
    req.on('error', reject);
  });
}

// The build `npm start` would serve (built first when the sources changed).
const built = spawnSync(process.execPath, ['scripts/start.mjs', '--build-only'], { stdio: 'inherit', env: { ...process.env, NEXT_DIST_DIR: DIST } });
if (built.status !== 0) process.exit(built.status ?? 1);

const dir = mkdtempSync(join(tmpdir(), 'sse-profile-'));
const profiles = option('keep', join(dir, 'profiles'));
const env = benchServerEnv(
  { port: PORT, dataDir: join(dir, 'data'), secret: SECRET },
  { SSE_THROTTLE_MS: '0', SSE_MAX_STREAMS_PER_USER: String(IDLE + 2), NEXT_DIST_DIR: DIST },
);
const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${profiles}`, join(DIST, 'passion-server.cjs')], { env, stdio: 'ignore' });
process.on('exit', () => server.kill('SIGKILL'));
for (let i = 0; ; i++) {
  const ok = await request('GET', '/api/health').then(
    (r) => r.status === 200,
    () => false,
  );
  if (ok) break;
  if (i > 600) throw new Error('the server never came up');
  await sleep(200);
}

const signedIn = async (name) => {
  const email = `${name}@example.test`;
  await request('POST', '/api/auth/signup', { 'content-type': 'application/json' }, JSON.stringify({ email, password: 'bench password 123', name }));
  return signInCookie(`http://127.0.0.1:${PORT}`, email, 'bench password 123');
};
const target = await signedIn('bench');
const idle = await signedIn('idle');
const streams = [];
for (let i = 0; i < IDLE; i += 100) {
  streams.push(...(await Promise.all(Array.from({ length: Math.min(100, IDLE - i) }, (_, j) => openStream(`/api/events?deviceId=d${i + j}`, idle)))));
}
let events = 0;
let waiter = null;
streams.push(
  await openStream('/api/events?deviceId=listener', target, (chunk) => {
    if (!chunk.includes('data:')) return;
    events += 1;
    waiter?.();
  }),
);
/** User + system CPU time of the server so far, in ms (clock ticks of 10 ms). */
const cpuMs = () => {
  const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const cpuBefore = cpuMs();
const started = process.hrtime.bigint();
for (let i = 0; i < NUDGES; i++) {
  const seen = events;
  const arrived = new Promise((resolve) => (waiter = () => events > seen && resolve()));
  const res = await request(
    'PATCH',
    '/api/me',
    { 'content-type': 'application/json', cookie: target, 'x-device-id': 'sender' },
    JSON.stringify({ name: `Bench ${i}` }),
  );
  if (res.status !== 200) throw new Error(`nudge ${i}: ${res.status} ${res.body}`);
  await arrived;
}
const ended = process.hrtime.bigint();
const cpuPerNudge = (cpuMs() - cpuBefore) / NUDGES;
const nudgeMs = Number(ended - started) / 1e6;
streams.forEach((s) => s.destroy());
const exited = new Promise((resolve) => server.on('exit', resolve));
server.kill('SIGTERM'); // the server exits, and node writes its profile
await exited;

// Which module each line of the bundle belongs to (esbuild writes `// path` before each one).
const bundleLines = readFileSync(join(DIST, 'passion-server.cjs'), 'utf8').split('\n');
const moduleAt = [];
let current = '';
for (const [i, line] of bundleLines.entries()) {
  const m = /^\/\/ ((?:lib|scripts|app)\/\S+)$/.exec(line);
  if (m) current = m[1];
  moduleAt[i] = current;
}
const PARTS = [
  [
    'SQLite, libsql binding and @libsql/client',
    (f) => /\/libsql\/|@libsql\//.test(f.url) || (!f.url && /^(database|statement|rows)[A-Z]/.test(f.functionName)),
  ],
  ['drizzle', (f) => f.url.includes('drizzle-orm')],
  ['app: db and changes platform', (f) => /^lib\/server\/platform\/(db|changes)\//.test(f.module)],
  ['app: auth', (f) => /^lib\/server\/platform\/auth\//.test(f.module)],
  ['app: realtime', (f) => /^lib\/server\/platform\/realtime\//.test(f.module)],
  ['app: http platform (route, edge, log)', (f) => /^lib\/server\/platform\/(http|log|metrics)/.test(f.module)],
  ['app: domains', (f) => /^lib\/server\/domains\//.test(f.module)],
  ['app: other', (f) => Boolean(f.module)],
  ['zod', (f) => f.url.includes('node_modules/zod')],
  ['pino (logging)', (f) => /node_modules\/(pino|sonic-boom|thread-stream)/.test(f.url)],
  ['next', (f) => f.url.includes('node_modules/next/')],
  ['jose / next-auth (session decoding)', (f) => /node_modules\/(jose|next-auth|@panva)/.test(f.url)],
  ['socket writes (native)', (f) => !f.url && /^(writev|writeBuffer|writeUtf8String|writeLatin1String|writeAsciiString)$/.test(f.functionName)],
  ['Node HTTP, net and streams', (f) => f.url.startsWith('node:')],
  ['garbage collection', (f) => f.functionName === '(garbage collector)'],
];
const file = readdirSync(profiles).find((f) => f.endsWith('.cpuprofile'));
const profile = JSON.parse(readFileSync(join(profiles, file), 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const frameOf = (n) => {
  const { url, functionName, lineNumber } = n.callFrame;
  return { url, functionName, module: url.endsWith('passion-server.cjs') ? moduleAt[lineNumber] || '' : '' };
};
const partOf = new Map();
function part(id) {
  if (partOf.has(id)) return partOf.get(id);
  const frame = frameOf(nodes.get(id));
  const found = PARTS.find(([, test]) => test(frame))?.[0];
  const result = found ?? (parent.has(id) ? part(parent.get(id)) : 'other (V8, program)');
  partOf.set(id, result);
  return result;
}
const byPart = {};
const byFrame = {};
let busy = 0;
// Only the nudges: V8's sample times and process.hrtime are both the machine's monotonic clock (µs, ns).
const [from, to] = [Number(started / 1000n), Number(ended / 1000n)];
let at = profile.startTime;
profile.samples.forEach((id, i) => {
  at += profile.timeDeltas[i];
  const dt = profile.timeDeltas[i + 1] ?? 0;
  if (at < from || at > to) return;
  const n = nodes.get(id);
  if (n.callFrame.functionName === '(idle)') return;
  busy += dt;
  const p = part(id);
  byPart[p] = (byPart[p] ?? 0) + dt;
  const f = frameOf(n);
  const key = `${f.functionName || '(anonymous)'} ${f.module || f.url.replace(/^.*node_modules\//, '')}`;
  byFrame[key] = (byFrame[key] ?? 0) + dt;
});
const share = (us) => +((100 * us) / busy).toFixed(1);
const sorted = (o, n) =>
  Object.entries(o)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, us]) => [k, share(us)]);
console.log(
  JSON.stringify({
    bench: 'sse-profile',
    nudges: NUDGES,
    idle_streams: IDLE,
    nudge_ms_mean: +(nudgeMs / NUDGES).toFixed(3),
    cpu_ms_per_nudge: +cpuPerNudge.toFixed(3),
    busy_cpu_ms_per_nudge: +(busy / 1000 / NUDGES).toFixed(3),
    busy_share_percent: Object.fromEntries(sorted(byPart, 100)),
    top_self_frames_percent: sorted(byFrame, 15),
    profile: join(profiles, file),
  }),
);
process.exit(0);
