import { spawnSync } from 'node:child_process';
import { expect } from '@playwright/test';
import type { E2EUser } from './fixtures';

/** Creates an admin with the CLI, straight in the database of the server that uses `dataDir`. */
export function createAdminWithCli(dataDir: string, admin: E2EUser) {
  const result = spawnSync(
    'npm',
    [
      'run',
      '-s',
      'cli',
      '--',
      'user:create',
      '--email',
      admin.email,
      '--password',
      admin.password,
      '--name',
      admin.name,
      '--timezone',
      'Europe/Berlin',
      '--admin',
    ],
    { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8', timeout: 120_000 },
  );
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toContain(`created admin ${admin.email}`);
}
