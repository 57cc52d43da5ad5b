import 'server-only';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { AppError } from '@/lib/server/platform/errors';
import { getClient, isFileDatabase } from './client';

export interface Backup {
  path: string;
  bytes: number;
}

/**
 * Copies the live embedded database into a new SQLite file with `VACUUM INTO`: one read
 * transaction, so the copy is a consistent snapshot and, in WAL mode, writers carry on meanwhile.
 * A libsql server (sqld) is backed up with its own `GET /dump` (docs/self-hosting.md).
 */
export async function backupDatabase(out: string): Promise<Backup> {
  if (!isFileDatabase()) {
    throw new AppError(
      'bad_request',
      'db:backup copies an embedded (file:) database; back up a libsql server with its GET /dump endpoint (docs/self-hosting.md, "Backups")',
    );
  }
  const path = resolve(out);
  if (existsSync(path)) throw new AppError('conflict', `${path} already exists; a backup never overwrites a file`);
  mkdirSync(dirname(path), { recursive: true });
  await getClient().execute({ sql: 'VACUUM INTO ?', args: [path] });
  return { path, bytes: statSync(path).size };
}
