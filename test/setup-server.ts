import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetProcessForTests } from './reset-process';

// Every test file gets its own database file, migrated by the app's own start-up path.
const dir = mkdtempSync(join(tmpdir(), 'passion-test-'));
await resetProcessForTests({
  APP_ENV: 'test',
  // Password hashes at scrypt N=2^10, not 2^15: files sign up hundreds of users (decision 063;
  // lib/server/platform/auth/password.test.ts proves production's cost).
  TEST_SCRYPT_LOG_N: '10',
  DATA_DIR: join(dir, 'data'),
  DATABASE_URL: `file:${join(dir, 'data', 'test.db')}`,
  NEXTAUTH_SECRET: 'test-secret-test-secret-test-secret-0123456789',
  NEXTAUTH_URL: undefined,
  REDIS_URL: undefined,
});

// The domains plug into the platform as they do at start-up (lib/server/runtime.ts); the database
// itself is created on first use, by the app's own path.
const { registerDomains } = await import('@/lib/server/domains');
registerDomains();
