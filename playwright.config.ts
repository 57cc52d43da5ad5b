import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2eDataDir } from './test/e2e-env';

const PORT = Number(process.env.E2E_PORT ?? 3210);
/** Plain `next start` on the same build, beside npm start's server: the other way the route handlers are served. */
const NEXT_START_PORT = PORT + 1;
const dataDir = e2eDataDir();

// Values the specs rely on (the login-limit spec reads them from here).
export const E2E_LOGIN_LIMIT = { perAccount: 3, windowSeconds: 4 };
export const E2E_SSE_HEARTBEAT_MS = 1000;
/** Everything the server writes (JSON logs, Next's own output): the log-secrets spec reads it. */
export const E2E_SERVER_LOG = join(dataDir, 'server.log');
/** The same for the `next start` server of the api-next-start project. */
export const E2E_NEXT_START_LOG = join(dataDir, 'next-start.log');

/** The environment both servers run with. */
const serverEnv = {
  APP_ENV: 'test',
  E2E_DATA_DIR: dataDir,
  NEXT_TELEMETRY_DISABLED: '1',
  LOGIN_MAX_FAILURES_PER_ACCOUNT: String(E2E_LOGIN_LIMIT.perAccount),
  LOGIN_MAX_FAILURES_PER_IP: '1000',
  LOGIN_RATE_WINDOW_SECONDS: String(E2E_LOGIN_LIMIT.windowSeconds),
  SSE_HEARTBEAT_MS: String(E2E_SSE_HEARTBEAT_MS),
  // Sign-ups and sign-ins hash at scrypt N=2^10, not production's 2^15 (decision 063): hundreds of
  // them per run, and no spec's claim is about the hash's cost (lib/server/platform/auth/password.test.ts is).
  TEST_SCRYPT_LOG_N: '10',
};

export default defineConfig({
  testDir: 'e2e',
  // Parallel runs on other ports keep their own artifacts.
  outputDir: process.env.E2E_PORT ? `test-results-${PORT}` : 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  // Three on two cores: the whole suite averages well under two busy cores (many specs wait on
  // real time — timers, staleness windows, stream heartbeats), so a third worker overlaps waits.
  workers: 3,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    // A failed test keeps a screenshot of where it stopped, and, outside CI, its trace (actions,
    // console, network, sources). A trace is recorded for every test and thrown away when it passes;
    // on a 2-core machine whose e2e run is CPU-bound that cost a browser spec about a sixth of its
    // time (decision 077), and CI keeps only its log, so CI records none. Never the screencast nor
    // a DOM snapshot around every action (decision 064). `--trace on` records everything when
    // debugging.
    trace: process.env.CI ? 'off' : { mode: 'retain-on-failure', screenshots: false, snapshots: false },
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'api', testMatch: /api\/.*\.spec\.ts/, metadata: { serverLog: E2E_SERVER_LOG } },
    { name: 'browser', testMatch: /browser\/.*\.spec\.ts/ },
    {
      // The API specs again against plain `next start` on the same build, which serves the route
      // handlers through Next's own pipeline: both dispatch paths answer alike (decision 025).
      name: 'api-next-start',
      testMatch: /api\/.*\.spec\.ts/,
      testIgnore: [
        // They start, kill and restart npm start's server bundle of their own (e2e/own-server.ts).
        /api\/convergence\.spec\.ts/,
        /api\/sync-client-fault\.spec\.ts/,
        // They start their own servers, `next start` and the bundle alike, whichever project runs them.
        /api\/fresh-start\.spec\.ts/,
        /api\/multinode\.spec\.ts/,
        // It reads npm start's server log (E2E_SERVER_LOG).
        /api\/log-secrets\.spec\.ts/,
        // next-auth is served by Next on both paths, and its per-address case starts npm start's bundle itself.
        /api\/login-limit\.spec\.ts/,
        // What npm start's edge refuses (TRACE, a malformed path) Next answers before any app code runs (decision 027).
        /api\/edge-refusals\.spec\.ts/,
      ],
      use: { baseURL: `http://localhost:${NEXT_START_PORT}` },
      metadata: { serverLog: E2E_NEXT_START_LOG },
    },
  ],
  // Started one after the other: npm start's builds first when the sources changed, then `next
  // start` serves the same build (NEXT_DIST_DIR) with a database of its own.
  webServer: [
    {
      // Both streams go to a file, not through the reporter, so a spec can read what really got
      // logged; should the server fail to start, its last lines still reach the console.
      command: 'node scripts/start.mjs > "$E2E_SERVER_LOG" 2>&1 || { tail -n 40 "$E2E_SERVER_LOG" >&2; exit 1; }',
      url: `http://localhost:${PORT}/api/health`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, PORT: String(PORT), DATA_DIR: join(dataDir, 'data'), E2E_SERVER_LOG },
    },
    {
      command: `node node_modules/next/dist/bin/next start -p ${NEXT_START_PORT} > "$E2E_NEXT_START_LOG" 2>&1 || { tail -n 40 "$E2E_NEXT_START_LOG" >&2; exit 1; }`,
      url: `http://localhost:${NEXT_START_PORT}/api/health`,
      timeout: 60_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      env: { ...serverEnv, DATA_DIR: join(dataDir, 'data-next-start'), E2E_NEXT_START_LOG },
    },
  ],
});
