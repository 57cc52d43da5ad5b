import { contracts, REFRESH_KEYS, type SyncContract } from '@/lib/sync/contracts';
import { formatDuration } from './format';

/** DESIGN's wording: "refetch", "refetch if stale", "refetch after > N away", or never. */
function focusRule(c: SyncContract): string {
  if (c.focusRefetchAfterMs === null) return 'never';
  if (c.focusRefetchIfStale) return 'refetch if stale';
  if (c.focusRefetchAfterMs === 0) return 'refetch';
  return `refetch after > ${formatDuration(c.focusRefetchAfterMs)} away`;
}

/** The web sync contracts as the code applies them (lib/sync/contracts.ts), read-only. */
export function ContractsTable() {
  return (
    <section className="card" aria-labelledby="contracts-title">
      <h2 id="contracts-title" className="font-semibold">
        Sync contracts
      </h2>
      <p className="mt-1 text-sm text-stone-600">How fresh each page keeps its data; changed only in code.</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="admin-contracts">
          <thead className="text-xs uppercase tracking-wide text-stone-500">
            <tr>
              <th scope="col" className="py-2 pr-3 font-medium">
                Page
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Freshness source
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Poll
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Idle poll
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                When hidden
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                Staleness
              </th>
              <th scope="col" className="py-2 pr-3 font-medium">
                On focus
              </th>
              <th scope="col" className="py-2 font-medium">
                On visible
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {REFRESH_KEYS.map((key) => {
              const c = contracts[key];
              return (
                <tr key={key} data-refresh-key={key}>
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {c.page}
                    <span className="block text-xs font-normal text-stone-500">{key}</span>
                  </th>
                  <td className="py-2 pr-3">{c.source}</td>
                  <td className="py-2 pr-3">{formatDuration(c.pollMs)}</td>
                  <td className="py-2 pr-3">{formatDuration(c.idlePollMs)}</td>
                  <td className="py-2 pr-3">{c.pollMs === null ? '—' : c.pollWhenHidden ? 'keeps polling' : 'pauses'}</td>
                  <td className="py-2 pr-3">{c.staleMs === null ? 'manual' : formatDuration(c.staleMs)}</td>
                  <td className="py-2 pr-3">{focusRule(c)}</td>
                  <td className="py-2">{c.refetchOnVisible ? 'refetch if stale' : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
