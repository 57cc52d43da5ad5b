import { count } from 'drizzle-orm';
import { expect, it, vi } from 'vitest';
import { getDb } from '@/lib/server/platform/db/client';
import { ConnectionClient } from '@/lib/server/platform/db/connection';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { ops } from '@/lib/server/platform/oplog/schema';

// The migrator reads its journal through the connection for plain reads, before it migrates: that
// connection then holds the schema from before the migration. It is opened afresh once the
// migration is done, so no read relies on SQLite noticing the change (client.ts, reopenReader).
it('the connection for plain reads is opened afresh once the database is migrated, and reads what the migration made', async () => {
  const reconnect = vi.spyOn(ConnectionClient.prototype, 'reconnect');
  await ensureDatabase();
  expect(reconnect).toHaveBeenCalledTimes(1);
  const reader = reconnect.mock.contexts[0] as ConnectionClient;
  // Fresh: not even the migrator's read of its journal is kept.
  expect(reader.cachedStatements).toBe(0);
  expect((await getDb().select({ n: count() }).from(ops).get())?.n).toBe(0);
  expect(reader.cachedStatements).toBe(1);
  // A second call finds the database migrated: nothing is opened again.
  await ensureDatabase();
  expect(reconnect).toHaveBeenCalledTimes(1);
});
