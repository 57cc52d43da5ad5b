// `npm run bench:poll-cost`: what the focus timer's freshness costs in requests and bytes to
// /api/focus/active, the sync runtime (one leader poller per browser, conditional GETs) against
// the naive design (every consumer in every tab polls on its own, full responses), both measured
// in the same run against a real server. Then what a change made on another device costs one
// browser (nudges go through each query's leader tab: one fetch, not one per tab), and what a
// write that changes nothing costs (no event, no request). Prints one JSON line.
//
// Env: BENCH_TABS (default "1,3"), BENCH_MINUTES (contract minutes, default 10), BENCH_SCALE
// (time compression, default 0.02: 30 s → 600 ms), BENCH_CHANGES (changes per nudge scenario,
// default 5), NEXT_DIST_DIR (default .next-bench), PORT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, request } from '@playwright/test';
import { freePort, launchOptions, logIn, startServer } from './browser-bench.mjs';
import { EventSource } from 'eventsource';

const TABS = (process.env.BENCH_TABS ?? '1,3').split(',').map(Number);
const CONSUMERS = 3; // FocusPanel, BottomBar and FocusIndicator on /focus
const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const SCALE = Number(process.env.BENCH_SCALE ?? 0.02);
const CONTRACT_POLL_MS = 30_000;
const INTERVAL_MS = CONTRACT_POLL_MS * SCALE;
const SPAN_MS = MINUTES * 60_000 * SCALE;
const WARM_UP_MS = 2_000;
const ACTIVE = '/api/focus/active';
const TASK = 'poll-cost bench';
const CHANGES = Number(process.env.BENCH_CHANGES ?? 5);
// Past the server's one-event-a-second throttle, so each change is its own event.
const CHANGE_GAP_MS = 2_500;

const log = (...args) => console.error('[poll-cost]', ...args);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Requests to /api/focus/active made by `pages` while counting, and the bytes they received, from
 * the DevTools network events: Playwright reports a 304 to a fetch with a manual If-None-Match as
 * failed (net::ERR_ABORTED) although it completed on a reused connection, so its own events miss them.
 */
async function meter(context, pages) {
  let counting = false;
  const seen = new Map(); // requestId → { headers, total, status }
  const sessions = await Promise.all(pages.map((page) => context.newCDPSession(page)));
  for (const cdp of sessions) {
    await cdp.send('Network.enable');
    cdp.on('Network.requestWillBeSent', (e) => {
      if (counting && new URL(e.request.url).pathname === ACTIVE) seen.set(e.requestId, { headers: 0, total: 0, status: 0 });
    });
    cdp.on('Network.responseReceived', (e) => {
      const r = seen.get(e.requestId);
      if (!r) return;
      r.status = e.response.status;
      r.headers = e.response.encodedDataLength;
      r.total = Math.max(r.total, r.headers);
    });
    cdp.on('Network.dataReceived', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.total += e.encodedDataLength;
    });
    cdp.on('Network.loadingFinished', (e) => {
      const r = seen.get(e.requestId);
      if (r) r.total = Math.max(r.total, e.encodedDataLength);
    });
  }
  return {
    start() {
      counting = true;
    },
    async stop() {
      counting = false;
      await sleep(1_000); // responses of the last requests
      await Promise.all(sessions.map((cdp) => cdp.detach().catch(() => {})));
      const rows = [...seen.values()];
      const bytes = rows.reduce((total, r) => total + r.total, 0);
      const headerBytes = rows.reduce((total, r) => total + r.headers, 0);
      return { requests: rows.length, bytes, body_bytes: bytes - headerBytes, not_modified: rows.filter((r) => r.status === 304).length };
    },
  };
}

async function signedInContext(browser, baseURL, user) {
  const context = await browser.newContext({ baseURL });
  await logIn(context.request, user);
  return context;
}

/** T tabs of /focus under the sync runtime, each with its three consumers of the focus state. */
async function measureRuntime(browser, baseURL, user, tabs) {
  const context = await signedInContext(browser, baseURL, user);
  await context.addInitScript((scale) => localStorage.setItem('pos:sync-time-scale', String(scale)), SCALE);
  try {
    const pages = [];
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto('/focus');
      await page.getByTestId('bottom-bar-status').filter({ hasText: TASK }).waitFor();
      await page.getByTestId('focus-indicator').waitFor();
      pages.push(page);
    }
    await sleep(WARM_UP_MS);
    const m = await meter(context, pages);
    m.start();
    await sleep(SPAN_MS);
    return await m.stop();
  } finally {
    await context.close();
  }
}

/** The design the runtime replaced: in each of T tabs, C consumers each poll every 30 s (compressed), no ETag. */
async function measureNaive(browser, baseURL, user, tabs) {
  const context = await signedInContext(browser, baseURL, user);
  try {
    const pages = [];
    // A same-origin document without the app, so only the naive loops poll.
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto('/api/health');
      pages.push(page);
    }
    const m = await meter(context, pages);
    m.start();
    await Promise.all(
      pages.map((page) =>
        page.evaluate(
          ({ url, consumers, intervalMs, spanMs }) =>
            new Promise((resolve) => {
              const timers = [];
              for (let c = 0; c < consumers; c++) {
                timers.push(setInterval(() => void fetch(url, { cache: 'no-store', credentials: 'same-origin' }).then((r) => r.text()), intervalMs));
              }
              setTimeout(
                () => {
                  timers.forEach(clearInterval);
                  resolve();
                },
                spanMs + intervalMs / 2,
              );
            }),
          { url: ACTIVE, consumers: CONSUMERS, intervalMs: INTERVAL_MS, spanMs: SPAN_MS },
        ),
      ),
    );
    return await m.stop();
  } finally {
    await context.close();
  }
}

/** GETs of `path` by the pages of `context` (each tab's own, whatever answered them). */
function countGets(context, path) {
  let n = 0;
  context.on('request', (req) => {
    if (req.method() === 'GET' && new URL(req.url()).pathname === path) n += 1;
  });
  return { count: () => n, reset: () => void (n = 0) };
}

/** The user's writes as their phone makes them: another device id, so the browser is nudged. */
async function phone(baseURL, user) {
  const context = await request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL, 'x-device-id': 'ios-bench-phone' } });
  await logIn(context, user);
  return context;
}

/** An event in the coming hours (this week's view shows it, unless the week ends first). */
function addEvent(api, i, label) {
  const startsAt = Date.now() + (i + 1) * 3_600_000;
  return api.post('/api/planner/events', { data: { title: `Bench event ${label}`, startsAt, endsAt: startsAt + 1_800_000 } });
}

/** A change the page shows, made on the phone: a new habit, or new events in this week. */
const SCENARIOS = {
  habits: {
    path: '/habits',
    api: '/api/habits',
    change: (api, i, label) => api.post('/api/habits', { data: { name: `Bench habit ${label}`, cadence: 'daily' } }),
  },
  planner: { path: '/planner', api: '/api/planner/events', change: (api, i, label) => addEvent(api, i, label) },
  // Three writes inside the server's one-second throttle: the first goes out at once, the other two
  // as one merged `calendar` event the tabs cannot apply from its payload, so the week is refetched.
  'planner-burst': {
    path: '/planner',
    api: '/api/planner/events',
    change: async (api, i, label) => {
      for (const part of ['a', 'b', 'c']) {
        const res = await addEvent(api, i, `${label}${part}`);
        if (!res.ok()) return res;
      }
      return addEvent(api, i, `${label}d`);
    },
  },
};

/**
 * T tabs of one browser on a page, live on the event stream, while the phone makes CHANGES changes:
 * GETs of the page's data per change. Uncompressed time, and all within one poll interval of the
 * page load, so no poll of the planner falls in the window and every GET is a change's.
 */
async function measureNudges(browser, baseURL, user, scenario, tabs) {
  const s = SCENARIOS[scenario];
  const context = await signedInContext(browser, baseURL, user);
  const api = await phone(baseURL, user);
  try {
    const pages = [];
    for (let i = 0; i < tabs; i++) {
      const page = await context.newPage();
      await page.goto(s.path);
      await page.getByTestId('connection-indicator').and(page.locator('[data-state="live"]')).waitFor();
      pages.push(page);
    }
    await sleep(1_000);
    const gets = countGets(context, s.api);
    for (let i = 0; i < CHANGES; i++) {
      const res = await s.change(api, i, `${scenario}-${tabs}-${i}`);
      if (!res.ok()) throw new Error(`change failed: ${res.status()} ${await res.text()}`);
      await sleep(CHANGE_GAP_MS);
    }
    await sleep(1_000);
    const requests = gets.count();
    return { scenario, page: s.path, tabs, changes: CHANGES, requests, requests_per_change: round(requests / CHANGES), naive_per_change: tabs };
  } finally {
    await api.dispose();
    await context.close();
  }
}

/** Events the user's other device would receive, from a stream of its own. */
function listen(baseURL, cookie) {
  const events = [];
  const source = new EventSource(new URL('/api/events?deviceId=bench-listener&deviceLabel=Bench', baseURL), {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), cookie } }),
  });
  const opened = new Promise((resolve) => (source.onopen = resolve));
  source.onmessage = (e) => events.push(JSON.parse(e.data));
  return { events, opened, close: () => source.close() };
}

/** One tab on /habits while the phone PATCHes a habit with the values it already has, CHANGES times. */
async function measureNoOpWrites(browser, baseURL, user) {
  const context = await signedInContext(browser, baseURL, user);
  const api = await phone(baseURL, user);
  const created = await api.post('/api/habits', { data: { name: 'Unchanged habit', cadence: 'daily' } });
  const habit = await created.json();
  const cookie = (await context.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const stream = listen(baseURL, cookie);
  try {
    await stream.opened;
    const page = await context.newPage();
    await page.goto('/habits');
    await page.getByTestId('connection-indicator').and(page.locator('[data-state="live"]')).waitFor();
    await sleep(1_500);
    const gets = countGets(context, '/api/habits');
    const before = stream.events.length;
    for (let i = 0; i < CHANGES; i++) {
      const res = await api.patch(`/api/habits/${habit.id}`, { data: { name: habit.name } });
      if (!res.ok()) throw new Error(`no-op PATCH failed: ${res.status()} ${await res.text()}`);
      await sleep(CHANGE_GAP_MS);
    }
    await sleep(1_000);
    return { writes: CHANGES, events: stream.events.length - before, requests: gets.count(), expected: { events: 0, requests: 0 } };
  } finally {
    stream.close();
    await api.dispose();
    await context.close();
  }
}

const sum = (rows, side, field) => rows.reduce((total, row) => total + row[side][field], 0);
const round = (x) => Math.round(x * 1000) / 1000;

async function main() {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'passion-bench-'));
  const port = Number(process.env.PORT) || (await freePort());
  const baseURL = `http://localhost:${port}`;
  const server = startServer(port, join(dataDir, 'data'));
  let browser;
  const interrupted = () => {
    void Promise.allSettled([browser?.close(), server.stop()]).then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    log(`starting the app on ${baseURL} (data in ${dataDir})`);
    await server.ready();
    const measuring = Date.now();
    browser = await chromium.launch(launchOptions);

    const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
    const user = { email: `bench-${id}@example.test`, password: `pw ${id} long enough`, name: `Bench ${id}` };
    const setup = await browser.newContext({ baseURL });
    const signup = await setup.request.post('/api/auth/signup', { data: { ...user, timezone: 'Europe/Berlin' } });
    if (signup.status() !== 201) throw new Error(`sign-up failed: ${signup.status()} ${await signup.text()}`);
    await logIn(setup.request, user);
    const tos = await setup.request.post('/api/tos/accept', { data: { version: 1 }, headers: { origin: baseURL } });
    if (tos.status() !== 200) throw new Error(`terms failed: ${tos.status()}`);
    await logIn(setup.request, user);
    const focus = await setup.request.post('/api/focus/start', { data: { mode: 'focus', plannedMinutes: 120, taskTitle: TASK }, headers: { origin: baseURL } });
    if (focus.status() !== 200) throw new Error(`focus start failed: ${focus.status()} ${await focus.text()}`);
    await setup.close();

    const rows = [];
    for (const tabs of TABS) {
      log(`${tabs} tab(s): runtime for ${SPAN_MS / 1000} s`);
      const runtime = await measureRuntime(browser, baseURL, user, tabs);
      log(`${tabs} tab(s): naive for ${SPAN_MS / 1000} s`);
      const naive = await measureNaive(browser, baseURL, user, tabs);
      rows.push({ tabs, runtime, naive, naive_expected_requests: (tabs * CONSUMERS * MINUTES * 60_000) / CONTRACT_POLL_MS });
    }

    const nudges = [];
    for (const scenario of Object.keys(SCENARIOS)) {
      for (const tabs of TABS) {
        log(`${tabs} tab(s) on ${SCENARIOS[scenario].path}: ${CHANGES} changes (${scenario}) from another device`);
        const row = await measureNudges(browser, baseURL, user, scenario, tabs);
        nudges.push({ ...row, ratio_to_naive: round(row.requests_per_change / row.naive_per_change) });
      }
    }
    log(`${CHANGES} no-op writes`);
    const noop = await measureNoOpWrites(browser, baseURL, user);

    const runtime = {
      requests: sum(rows, 'runtime', 'requests'),
      bytes: sum(rows, 'runtime', 'bytes'),
      body_bytes: sum(rows, 'runtime', 'body_bytes'),
      not_modified: sum(rows, 'runtime', 'not_modified'),
    };
    const naive = {
      requests: sum(rows, 'naive', 'requests'),
      bytes: sum(rows, 'naive', 'bytes'),
      body_bytes: sum(rows, 'naive', 'body_bytes'),
      not_modified: sum(rows, 'naive', 'not_modified'),
    };
    console.log(
      JSON.stringify({
        bench: 'poll-cost',
        tabs: TABS,
        consumers: CONSUMERS,
        minutes: MINUTES,
        runtime,
        naive,
        ratio_requests: round(runtime.requests / naive.requests),
        ratio_bytes: round(runtime.bytes / naive.bytes),
        ratio_definition: 'runtime / naive (lower is cheaper)',
        naive_expected_requests: rows.reduce((total, row) => total + row.naive_expected_requests, 0),
        per_tabs: rows.map((row) => ({
          ...row,
          ratio_requests: round(row.runtime.requests / row.naive.requests),
          ratio_bytes: round(row.runtime.bytes / row.naive.bytes),
        })),
        nudges,
        nudge_definition:
          'GETs of the page data per change made on another device, per browser; naive = one per tab (every tab invalidates its own query). planner: a calendar event applied from its payload costs none; planner-burst: four writes within the server throttle, the last three merged into one event the page must refetch',
        noop_writes: noop,
        scale: SCALE,
        interval_ms: INTERVAL_MS,
        span_ms_per_phase: SPAN_MS,
        bytes_definition: 'encoded bytes received per response (headers + body), from DevTools network events',
        measure_s: Math.round((Date.now() - measuring) / 1000),
        wall_s: Math.round((Date.now() - started) / 1000),
      }),
    );
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
