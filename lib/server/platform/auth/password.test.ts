import { afterEach, describe, expect, it } from 'vitest';
import { config, resetConfigForTests } from '@/lib/server/platform/config';
import { hashPassword, verifyPassword } from './password';

const saved = { APP_ENV: process.env.APP_ENV, TEST_SCRYPT_LOG_N: process.env.TEST_SCRYPT_LOG_N };

/** Runs with these variables (undefined = unset), config re-read before and after. */
async function withEnv<T>(env: Partial<typeof saved>, body: () => Promise<T>): Promise<T> {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetConfigForTests();
  }
}

afterEach(() => resetConfigForTests());

describe('password hashing (scrypt)', () => {
  it('verifies the right password, rejects a wrong one, and salts every hash, at N=2^15 in production', async () => {
    await withEnv({ APP_ENV: 'production', TEST_SCRYPT_LOG_N: undefined }, async () => {
      const a = await hashPassword('correct horse battery');
      const b = await hashPassword('correct horse battery');
      expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(a).not.toBe(b);
      expect(await verifyPassword('correct horse battery', a)).toBe(true);
      expect(await verifyPassword('correct horse batterY', a)).toBe(false);
      expect(await verifyPassword('anything', 'garbage')).toBe(false);
    });
  });

  it('keeps N=2^15 when APP_ENV=test sets no cheaper cost', async () => {
    await withEnv({ APP_ENV: 'test', TEST_SCRYPT_LOG_N: undefined }, async () => {
      expect(await hashPassword('correct horse battery')).toMatch(/^scrypt\$32768\$8\$1\$/);
    });
  });

  it('hashes cheaper only in a test run, and a production server refuses the setting at start', async () => {
    const cheap = await withEnv({ APP_ENV: 'test', TEST_SCRYPT_LOG_N: '10' }, () => hashPassword('correct horse battery'));
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$/);
    for (const env of ['production', 'local'] as const) {
      await withEnv({ APP_ENV: env, TEST_SCRYPT_LOG_N: '10' }, async () => {
        expect(() => config()).toThrow(/TEST_SCRYPT_LOG_N: only with APP_ENV=test/);
        await expect(hashPassword('correct horse battery')).rejects.toThrow(/TEST_SCRYPT_LOG_N/);
      });
    }
    // The cost is stored with each hash: a cheap one still verifies wherever it is read.
    await withEnv({ APP_ENV: 'production', TEST_SCRYPT_LOG_N: undefined }, async () => {
      expect(await verifyPassword('correct horse battery', cheap)).toBe(true);
      expect(await verifyPassword('correct horse batterY', cheap)).toBe(false);
    });
  });
});
