import type { SyncMetrics } from '@/lib/shared/schemas/admin';
import { TitledCard } from '../shell/TitledCard';
import { useFormats } from '@/lib/sync/use-formats';

function Figure({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="rounded-lg bg-stone-50 p-3">
      <dt className="text-xs text-stone-500">{label}</dt>
      <dd className="mt-1 text-xl font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Live sync figures as of the last refresh; connections and compactions are the answering node's. */
export function MetricsSection({ metrics }: { metrics: SyncMetrics | undefined }) {
  const format = useFormats();
  return (
    <TitledCard
      id="metrics-title"
      title="Live sync"
      className="card"
      headingClassName="font-semibold"
      aside={
        metrics ? (
          <p className="text-xs text-stone-500" data-testid="admin-metrics-at">
            As of {format.clock(metrics.at)}
          </p>
        ) : null
      }
    >
      {metrics ? (
        <dl className="mt-3 grid grid-cols-2 gap-3 md:grid-cols-3">
          <Figure label="SSE connections (this node)" value={metrics.sseConnections} testId="metric-sse" />
          <Figure label="Op-log size (ops)" value={metrics.opLog.ops} testId="metric-ops" />
          <Figure
            label="Compaction runs / ops pruned (this node)"
            value={`${metrics.compaction.runs} / ${metrics.compaction.pruned}`}
            testId="metric-compaction"
          />
          <Figure label="Users" value={metrics.users.total} testId="metric-users" />
          <Figure label="Admins" value={metrics.users.admins} testId="metric-admins" />
          <Figure label="Disabled accounts" value={metrics.users.disabled} testId="metric-disabled" />
        </dl>
      ) : (
        <div className="mt-3 h-24 animate-pulse rounded-lg bg-stone-100" />
      )}
    </TitledCard>
  );
}
