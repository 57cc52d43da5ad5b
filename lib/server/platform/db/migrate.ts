import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { config } from '@/lib/server/platform/config';
import { getClient, getDb, isFileDatabase, reopenReader } from './client';

const slot = processSingleton('migrations', (): { migrated?: Map<string, Promise<void>> } => ({}));

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
  reopenReader();
}

/** The file under the URL was replaced (a restore): migrate it afresh on next use. */
export function forgetMigrations(): void {
  slot.migrated?.clear();
}

/** Creates and migrates the database once per process and URL; every request awaits it. */
export function ensureDatabase(): Promise<void> {
  slot.migrated ??= new Map();
  const url = config().databaseUrl;
  let done = slot.migrated.get(url);
  if (!done) {
    done = run();
    done.catch(() => slot.migrated?.delete(url));
    slot.migrated.set(url, done);
  }
  return done;
}
