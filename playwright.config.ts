import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions, e2eDataDir } from './test/e2e-env';

const PORT = Number(process.env.E2E_PORT ?? 3210);
const dataDir = e2eDataDir();

// Values the specs rely on (the login-limit spec reads them from here).
export const E2E_LOGIN_LIMIT = { perAccount: 3, windowSeconds: 4 };
export const E2E_SSE_HEARTBEAT_MS = 1000;
/** Everything the server writes (JSON logs, Next's own output): the log-secrets spec reads it. */
export const E2E_SERVER_LOG = join(dataDir, 'server.log');

export default defineConfig({
  testDir: 'e2e',
  // Parallel runs on other ports keep their own artifacts.
  outputDir: process.env.E2E_PORT ? `test-results-${PORT}` : 'test-results',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  retries: 0,
  reporter: 'list',
  use: {
    baseURL: `http://localhost:${PORT}`,
    launchOptions: chromiumLaunchOptions(),
    // Actions and DOM snapshots are kept for a failed test. The screencast is not: recording it made
    // Chromium use twice the CPU (9 browser specs: 91 → 40 CPU-s, 86 → 59 s) on a 2-core machine
    // whose e2e run is CPU-bound. `--trace on` records everything when debugging.
    trace: { mode: 'retain-on-failure', screenshots: false },
  },
  projects: [
    { name: 'api', testMatch: /api\/.*\.spec\.ts/ },
    { name: 'browser', testMatch: /browser\/.*\.spec\.ts/ },
  ],
  webServer: {
    // Both streams go to a file, not through the reporter, so a spec can read what really got
    // logged; should the server fail to start, its last lines still reach the console.
    command: 'node scripts/start.mjs > "$E2E_SERVER_LOG" 2>&1 || { tail -n 40 "$E2E_SERVER_LOG" >&2; exit 1; }',
    url: `http://localhost:${PORT}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR: join(dataDir, 'data'),
      APP_ENV: 'test',
      E2E_DATA_DIR: dataDir,
      E2E_SERVER_LOG,
      NEXT_TELEMETRY_DISABLED: '1',
      LOGIN_MAX_FAILURES_PER_ACCOUNT: String(E2E_LOGIN_LIMIT.perAccount),
      LOGIN_MAX_FAILURES_PER_IP: '1000',
      LOGIN_RATE_WINDOW_SECONDS: String(E2E_LOGIN_LIMIT.windowSeconds),
      SSE_HEARTBEAT_MS: String(E2E_SSE_HEARTBEAT_MS),
    },
  },
});
