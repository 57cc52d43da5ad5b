import 'server-only';
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { config } from '@/lib/server/platform/config';
import { getClient, getDb, isFileDatabase } from './client';

const slot = globalThis as unknown as { __passionMigrated?: Map<string, Promise<void>> };

async function run(): Promise<void> {
  if (isFileDatabase()) await getClient().execute('PRAGMA journal_mode=WAL');
  const migrationsFolder = resolve(process.cwd(), 'drizzle');
  try {
    await migrate(getDb(), { migrationsFolder });
  } catch (err) {
    // Two nodes starting together can race on the first migration; the loser finds it applied.
    await migrate(getDb(), { migrationsFolder }).catch(() => {
      throw err;
    });
  }
}

/** Creates and migrates the database once per process and URL; every request awaits it. */
export function ensureDatabase(): Promise<void> {
  slot.__passionMigrated ??= new Map();
  const url = config().databaseUrl;
  let done = slot.__passionMigrated.get(url);
  if (!done) {
    done = run();
    done.catch(() => slot.__passionMigrated?.delete(url));
    slot.__passionMigrated.set(url, done);
  }
  return done;
}
