import 'server-only';
import { requireRedownload } from '@/lib/server/domains/devices/devices';
import { getDb } from '@/lib/server/platform/db/client';
import { restoreDatabase } from '@/lib/server/platform/db/restore';
import { retireAllClients } from '@/lib/server/platform/oplog/clients';

/**
 * `npm run cli -- db:restore --from FILE`, with the app stopped: the backup goes back in place, and
 * every client learns it before it could skip anything — op-log clients are retired (they bootstrap
 * on their next request, keeping their outbox) and native devices download again from 0
 * (docs/protocol-spec.md, "Backups and restores"; docs/self-hosting.md).
 */
export async function restoreBackup(from: string): Promise<{ path: string; bytes: number; retiredClients: number; devices: number }> {
  const restored = await restoreDatabase(from);
  const retiredClients = await retireAllClients(getDb());
  const devices = await requireRedownload();
  return { ...restored, retiredClients, devices };
}
