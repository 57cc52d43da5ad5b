import 'server-only';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { config } from '@/lib/server/platform/config';

let cached: string | undefined;

/**
 * NEXTAUTH_SECRET from the environment, or (outside production) one generated once into
 * DATA_DIR so `npm start` needs no set-up. `wx` makes two nodes starting together agree.
 */
export function authSecret(): string {
  if (cached) return cached;
  const { NEXTAUTH_SECRET, DATA_DIR } = config();
  if (NEXTAUTH_SECRET) return (cached = NEXTAUTH_SECRET);
  const file = join(/*turbopackIgnore: true*/ DATA_DIR, 'nextauth-secret');
  mkdirSync(DATA_DIR, { recursive: true });
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  cached = readFileSync(file, 'utf8').trim();
  return cached;
}

export function resetSecretForTests(): void {
  cached = undefined;
}
