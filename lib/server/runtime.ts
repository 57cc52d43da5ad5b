import 'server-only';
import { registerDomains } from '@/lib/server/domains';
import { authSecret } from '@/lib/server/platform/auth/secret';
import { config } from '@/lib/server/platform/config';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { pruneIdempotencyKeys } from '@/lib/server/platform/http/idempotency';
import { logger } from '@/lib/server/platform/log';
import { compactAll } from '@/lib/server/platform/oplog/compaction';
import { processSingleton } from '@/lib/server/platform/process';
import { startPushFanout } from '@/lib/server/platform/push/fanout';

export interface RuntimeOptions {
  /** A serving node also compacts the op log on a timer and sends silent pushes; a CLI command does neither. */
  serve: boolean;
}

/**
 * The one start of the server runtime, whatever hosts it (npm start, next start/dev through
 * instrumentation.ts, the CLI): validate the environment, plug the domains into the platform, create
 * and migrate the database, and — on a serving node — make sure the session secret exists and start
 * the background work. Once per process: later calls wait for the first.
 */
export function startRuntime(options: RuntimeOptions): Promise<void> {
  const started = processSingleton('runtime', () => start());
  return options.serve ? started.then(startServing) : started;
}

async function start(): Promise<void> {
  config();
  registerDomains();
  await ensureDatabase();
}

function startServing(): void {
  processSingleton('serving', () => {
    authSecret();
    const { OPLOG_COMPACT_INTERVAL_MS } = config();
    if (OPLOG_COMPACT_INTERVAL_MS > 0) {
      // Idempotent, so several nodes compacting is harmless; unref so it never holds the process open.
      setInterval(() => void compactAll().catch((err) => logger().error({ err }, 'op-log compaction failed')), OPLOG_COMPACT_INTERVAL_MS).unref();
    }
    // Stored Idempotency-Key answers live 24 hours; each user's expired ones also go on their next write.
    setInterval(() => void pruneIdempotencyKeys().catch((err) => logger().error({ err }, 'idempotency key sweep failed')), 60 * 60 * 1000).unref();
    startPushFanout();
    return true;
  });
}
