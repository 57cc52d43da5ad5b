import { expect, it } from 'vitest';
import { config } from '@/lib/server/platform/config';
import { resetProcessForTests } from '../reset-process';

const FILE_ENV = ['APP_ENV', 'TEST_SCRYPT_LOG_N', 'DATA_DIR', 'DATABASE_URL', 'NEXTAUTH_SECRET'] as const;

it('a configuration read while the process resets for the next file is already that file’s', async () => {
  const mine = Object.fromEntries(FILE_ENV.map((key) => [key, process.env[key]]));
  const next = { ...mine, DATABASE_URL: 'file:/nonexistent/next-file.db', DATA_DIR: '/nonexistent' };
  // Work still running from the previous file reads the configuration on every turn.
  const seen = new Set<string>();
  let resetting = true;
  const reader = (async () => {
    while (resetting) {
      seen.add(config().databaseUrl);
      await null;
    }
  })();
  try {
    await resetProcessForTests(next);
    resetting = false;
    await reader;
    expect(config().databaseUrl).toBe(next.DATABASE_URL);
    // Only this file's URL (read before the reset) and the next one's: never the worker's own start-up environment's.
    expect([...seen].every((url) => url === mine.DATABASE_URL || url === next.DATABASE_URL)).toBe(true);
  } finally {
    resetting = false;
    await resetProcessForTests(mine);
  }
});
