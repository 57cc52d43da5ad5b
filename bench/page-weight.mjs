// `npm run bench:page-weight`: what each app page costs a browser on its first visit — the
// compressed JavaScript it downloads (bytes on the wire, from DevTools network events) and the time
// until its heading shows, with the part of those bytes the page had loaded by then — in a real Chromium with a cold cache (a new context per load), signed
// in as a user with a little data. The raw baseline, measured in the same run, is the signed-out
// /login page: Next's runtime, React and one form, the least any page of this app can weigh. It
// also names the largest scripts of the heaviest page, the start of a bundle analysis. Prints one
// JSON line.
//
// Env: BENCH_RUNS (cold loads per page, default 3; times are medians, bytes do not vary),
// NEXT_DIST_DIR (default .next-bench), PORT, PAGE_WEIGHT_SCRIPTS=1 (every page's scripts on stderr,
// with their sizes and whether they had loaded when the heading showed), PAGE_WEIGHT_PAGES (a comma
// list of pages to measure instead of all, while working on one).
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { freePort, launchOptions, logIn, startServer } from './browser-bench.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ALL_PAGES = ['/today', '/focus', '/planner', '/tasks', '/quests', '/habits', '/progress', '/books', '/mood', '/settings', '/admin'];
const PAGES = process.env.PAGE_WEIGHT_PAGES ? process.env.PAGE_WEIGHT_PAGES.split(',') : ALL_PAGES;
const BASELINE = '/login';
const TARGET_KB = 170;

const log = (...args) => console.error('[page-weight]', ...args);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const kb = (bytes) => Math.round(bytes / 102.4) / 10;

/** The admin CLI against the bench's database: the first account is made an admin there. */
function cli(dataDir, ...args) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/cli.ts', ...args], {
      env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`cli ${args[0]} failed: ${err}`))));
  });
}

/** A signed-in admin with a task list, a habit, a book, a quest and a mood entry: pages show data, not their empty state. */
async function setUp(browser, baseURL, dataDir) {
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}`;
  const user = { email: `weight-${id}@example.test`, password: `pw ${id} long enough`, name: `Weight ${id}` };
  await cli(dataDir, 'user:create', '--email', user.email, '--password', user.password, '--name', user.name, '--admin');
  const context = await browser.newContext({ baseURL });
  const headers = { origin: baseURL };
  await logIn(context.request, user);
  const tos = await (await context.request.get('/api/tos')).json();
  await context.request.post('/api/tos/accept', { data: { version: tos.terms.version }, headers });
  await logIn(context.request, user);
  await context.request.post('/api/habits', { data: { name: 'Stretch', cadence: 'daily' }, headers });
  await context.request.post('/api/books', { data: { title: 'Deep Work', totalPages: 300 }, headers });
  await context.request.post('/api/quests', { data: { title: 'Ship it', target: 5, xpReward: 50 }, headers });
  await context.request.post('/api/mood/entries', { data: { score: 7 }, headers });
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One cold load: a new context (empty cache), the page's script bytes on the wire, and when its h1 showed. */
async function load(browser, baseURL, path, storageState) {
  const context = await browser.newContext({ baseURL, storageState, serviceWorkers: 'block' });
  await context.addInitScript(() => {
    const seen = () => {
      const h1 = document.querySelector('h1');
      if (h1 && h1.textContent && h1.getBoundingClientRect().height > 0 && window.__headingAt === undefined) {
        window.__headingAt = performance.now();
        // The scripts the page had when its heading showed; what loads later (on demand, after paint) is not among them.
        window.__scriptsAtHeading = performance
          .getEntriesByType('resource')
          .filter((e) => e.initiatorType === 'script' && e.responseEnd > 0)
          .map((e) => e.name);
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true, characterData: true });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const scripts = new Map(); // requestId → { url, bytes }
  const headerBytes = new Map(); // requestId → bytes of the response's status line and headers
  cdp.on('Network.responseReceivedExtraInfo', (e) => {
    if (e.headersText) headerBytes.set(e.requestId, e.headersText.length);
  });
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script' && new URL(e.response.url).origin === baseURL) scripts.set(e.requestId, { url: e.response.url, bytes: 0 });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const s = scripts.get(e.requestId);
    if (s) {
      s.bytes = e.encodedDataLength;
      s.requestId = e.requestId;
    }
  });
  await page.goto(path, { waitUntil: 'load' });
  await page.waitForFunction(() => window.__headingAt !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle').catch(() => {});
  const { headingMs, atHeading } = await page.evaluate(() => ({ headingMs: Math.round(window.__headingAt), atHeading: window.__scriptsAtHeading }));
  const list = [...scripts.values()].filter((s) => s.bytes > 0);
  const before = new Set(atHeading);
  await context.close();
  if (process.env.PAGE_WEIGHT_SCRIPTS === '1') {
    const files = list.map((s) => `${new URL(s.url).pathname.split('/').pop()} ${kb(s.bytes)}${before.has(s.url) ? '' : ' (after heading)'}`);
    log(`${path}: ${files.join(', ')}`);
  }
  return {
    headingMs,
    bytes: list.reduce((t, s) => t + s.bytes, 0),
    // The same without each response's headers (~0.85 KB a script here, the security headers most of it).
    bodyBytes: list.reduce((t, s) => t + s.bytes - (headerBytes.get(s.requestId) ?? 0), 0),
    bytesBeforeHeading: list.filter((s) => before.has(s.url)).reduce((t, s) => t + s.bytes, 0),
    scripts: list,
  };
}

async function measure(browser, baseURL, path, storageState) {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await load(browser, baseURL, path, storageState));
  return {
    js_kb: kb(median(runs.map((r) => r.bytes))),
    js_before_heading_kb: kb(median(runs.map((r) => r.bytesBeforeHeading))),
    js_body_kb: kb(median(runs.map((r) => r.bodyBytes))),
    scripts: runs[0].scripts.length,
    heading_ms: median(runs.map((r) => r.headingMs)),
    largest: runs[0].scripts
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 6)
      .map((s) => ({ file: new URL(s.url).pathname.split('/').pop(), kb: kb(s.bytes) })),
  };
}

async function main() {
  const started = Date.now();
  const dataDir = join(mkdtempSync(join(tmpdir(), 'passion-weight-')), 'data');
  const port = Number(process.env.PORT) || (await freePort());
  const baseURL = `http://localhost:${port}`;
  const server = startServer(port, dataDir);
  let browser;
  try {
    log(`starting the app on ${baseURL}`);
    await server.ready();
    browser = await chromium.launch(launchOptions);
    const storageState = await setUp(browser, baseURL, dataDir);
    log(`baseline ${BASELINE}`);
    const baseline = await measure(browser, baseURL, BASELINE, undefined);
    const pages = {};
    for (const path of PAGES) {
      log(path);
      pages[path] = await measure(browser, baseURL, path, storageState);
    }
    const heaviest = Object.entries(pages).sort((a, b) => b[1].js_kb - a[1].js_kb)[0];
    console.log(
      JSON.stringify({
        bench: 'page-weight',
        runs: RUNS,
        pages: Object.fromEntries(
          Object.entries(pages).map(([p, m]) => [
            p,
            { js_kb: m.js_kb, js_before_heading_kb: m.js_before_heading_kb, js_body_kb: m.js_body_kb, scripts: m.scripts, heading_ms: m.heading_ms },
          ]),
        ),
        baseline: {
          path: BASELINE,
          js_kb: baseline.js_kb,
          js_before_heading_kb: baseline.js_before_heading_kb,
          js_body_kb: baseline.js_body_kb,
          heading_ms: baseline.heading_ms,
        },
        max_js_kb: heaviest[1].js_kb,
        heaviest: { path: heaviest[0], largest_scripts: heaviest[1].largest },
        ratio_max_to_baseline: Math.round((heaviest[1].js_kb / baseline.js_kb) * 100) / 100,
        target_js_kb: TARGET_KB,
        pages_over_target: Object.entries(pages)
          .filter(([, m]) => m.js_kb > TARGET_KB)
          .map(([p]) => p),
        definition:
          'compressed script bytes on the wire for a cold first load (new context), same-origin, until the network is idle (js_kb, the target) and of the scripts loaded when the heading showed (js_before_heading_kb: what is loaded on demand after paint is not in it); js_body_kb = js_kb without the response headers (informative, not the target); heading_ms = performance.now() when the first h1 with text is laid out; medians of runs',
        wall_s: Math.round((Date.now() - started) / 1000),
      }),
    );
  } finally {
    await browser?.close();
    await server.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
