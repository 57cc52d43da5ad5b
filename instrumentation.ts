// Runs once when the server starts: validate the environment, make sure the session secret
// exists, create + migrate the database before the first request, compact the task op log
// periodically, and start silent pushes (when APNs is configured).
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { config } = await import('@/lib/server/platform/config');
  const { authSecret } = await import('@/lib/server/platform/auth/secret');
  const { ensureDatabase } = await import('@/lib/server/platform/db/migrate');
  const { OPLOG_COMPACT_INTERVAL_MS } = config();
  authSecret();
  await ensureDatabase();
  if (OPLOG_COMPACT_INTERVAL_MS > 0) {
    const { compactAll } = await import('@/lib/server/platform/oplog/compaction');
    const { logger } = await import('@/lib/server/platform/log');
    // Idempotent, so several nodes compacting is harmless; unref so it never holds the process open.
    setInterval(() => void compactAll().catch((err) => logger().error({ err }, 'op-log compaction failed')), OPLOG_COMPACT_INTERVAL_MS).unref();
  }
  const { startPushFanout } = await import('@/lib/server/platform/push/fanout');
  startPushFanout();
}
