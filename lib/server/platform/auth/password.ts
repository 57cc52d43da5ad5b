import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { config } from '@/lib/server/platform/config';

// scrypt from node:crypto is memory-hard: N=2^15, r=8 costs 32 MiB per hash. The parameters
// are stored with each hash, so they can be raised later without breaking old ones — and a test
// run (APP_ENV=test, TEST_SCRYPT_LOG_N; config.ts refuses it otherwise) hashes cheaper (decision 063).
const LOG_N = 15;

function params(): ScryptOptions {
  const { APP_ENV, TEST_SCRYPT_LOG_N } = config();
  return { N: 2 ** (APP_ENV === 'test' ? (TEST_SCRYPT_LOG_N ?? LOG_N) : LOG_N), r: 8, p: 1 };
}
const KEY_LEN = 32;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, { ...opts, maxmem: 128 * opts.N! * opts.r! * 2 }, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const opts = params();
  const key = await derive(password, salt, opts);
  return ['scrypt', opts.N, opts.r, opts.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = stored.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummy);
}
