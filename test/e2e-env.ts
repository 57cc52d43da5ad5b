import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The system Chromium with the flags this machine needs (DEVELOPERS.md); Playwright's own otherwise. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function chromiumLaunchOptions() {
  if (existsSync(SYSTEM_CHROMIUM)) return { executablePath: SYSTEM_CHROMIUM, args: CHROMIUM_ARGS };
  if (process.env.CI === 'true') throw new Error(`CI=true and ${SYSTEM_CHROMIUM} is missing: install the chromium package`);
  console.warn(`\n!!! ${SYSTEM_CHROMIUM} not found: falling back to Playwright's own browser (npx playwright install chromium)\n`);
  return { args: CHROMIUM_ARGS };
}

/** One data folder per e2e run, shared by the config in the runner and in its workers. */
export function e2eDataDir(): string {
  process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'passion-e2e-'));
  return process.env.E2E_DATA_DIR;
}
