import 'server-only';
import { count } from 'drizzle-orm';
import { Counter, Gauge, type Registry } from 'prom-client';
import { busStats } from '@/lib/server/platform/changes';
import { getDb } from '@/lib/server/platform/db/client';
import { ops } from '@/lib/server/platform/oplog/schema';
import { compactionStats } from '@/lib/server/platform/oplog/compaction';
import { PUSH_OUTCOMES, pushMetrics } from '@/lib/server/platform/push/metrics';
import { sseStats } from '@/lib/server/platform/realtime/hub';
import { startedHub } from '@/lib/server/platform/realtime';

/**
 * A counter whose total lives elsewhere (plain in-process counters the services bump): read on
 * scrape, so the hot paths never touch prom-client.
 */
function mirroredCounter(registry: Registry, name: string, help: string, read: () => number): void {
  new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      this.reset();
      this.inc(read());
    },
  });
}

/** The figures read at scrape time: SSE, change bus, pushes, op log. */
export function registerCollectors(registry: Registry): void {
  const registers = [registry];
  new Gauge({
    name: 'passion_sse_connections',
    help: 'Open SSE streams on this node.',
    registers,
    collect() {
      this.set(startedHub()?.connectionCount() ?? 0);
    },
  });
  mirroredCounter(registry, 'passion_change_events_published_total', 'Change events published on the bus by this node.', () => busStats().published);
  mirroredCounter(
    registry,
    'passion_sse_events_sent_total',
    'SSE events written to streams on this node (one per receiving stream).',
    () => sseStats().eventsSent,
  );
  new Counter({
    name: 'passion_pushes_total',
    help: 'Silent pushes by outcome.',
    labelNames: ['outcome'],
    registers,
    collect() {
      this.reset();
      for (const outcome of PUSH_OUTCOMES) this.inc({ outcome }, pushMetrics.byOutcome[outcome]);
    },
  });
  mirroredCounter(registry, 'passion_pushes_deferred_total', 'Pushes held back by a 429 or a 5xx pause (sent later, merged).', () => pushMetrics.deferred);
  mirroredCounter(registry, 'passion_pushes_dropped_total', 'Push retries given up after too many attempts.', () => pushMetrics.dropped);
  new Gauge({
    name: 'passion_oplog_ops',
    help: 'Rows in the tasks op log (all users), counted on scrape.',
    registers,
    async collect() {
      const row = await getDb().select({ n: count() }).from(ops).get();
      this.set(row?.n ?? 0);
    },
  });
  mirroredCounter(registry, 'passion_oplog_compaction_runs_total', 'Op-log compactions of one user run by this node.', () => compactionStats().runs);
  mirroredCounter(registry, 'passion_oplog_pruned_ops_total', 'Ops deleted by compaction on this node.', () => compactionStats().pruned);
}
