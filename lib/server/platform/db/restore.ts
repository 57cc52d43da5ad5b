import 'server-only';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { AppError } from '@/lib/server/platform/errors';
import type { Backup } from './backup';
import { closeDb, databaseFile } from './client';
import { ensureDatabase, forgetMigrations } from './migrate';

/**
 * Puts a backup (`db:backup`) back in place of the embedded database, with the app stopped: the file
 * is copied beside the database and renamed over it (never half-written), the old WAL and shared
 * memory go, and the copy is migrated to this version. What must follow for clients is the caller's
 * (`restoreBackup` in lib/server/maintenance.ts).
 */
export async function restoreDatabase(from: string): Promise<Backup> {
  const target = databaseFile();
  if (!target) {
    throw new AppError(
      'bad_request',
      'db:restore puts back an embedded (file:) database; restore a libsql server from its dump (docs/self-hosting.md, "Backups")',
    );
  }
  const source = resolve(from);
  if (!existsSync(source)) throw new AppError('not_found', `No backup at ${source}`);
  if (source === target) throw new AppError('conflict', 'The backup is the database itself');
  closeDb();
  copyFileSync(source, `${target}.restoring`);
  for (const sidecar of ['-wal', '-shm', '-journal']) rmSync(`${target}${sidecar}`, { force: true });
  renameSync(`${target}.restoring`, target);
  forgetMigrations();
  await ensureDatabase();
  return { path: target, bytes: statSync(target).size };
}
