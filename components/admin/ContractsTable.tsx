import { CONTRACT_WORDS } from '@/lib/sync/contract-words';
import { contracts, queryContracts, QUERY_CONTRACT_KEYS, REFRESH_KEYS, type SyncContract } from '@/lib/sync/contracts';
import { figuresFor } from '@/lib/shared/format';
import { TitledCard } from '../shell/TitledCard';

/** A contract's interval: "30 s", "5 min", "at once", or a dash for none. */
function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  return ms === 0 ? 'at once' : figuresFor().duration(ms);
}

/** DESIGN's wording: "refetch", "refetch if stale", "refetch after > N away", or never. */
function focusRule(c: SyncContract): string {
  if (c.focusRefetchAfterMs === null) return 'never';
  if (c.focusRefetchIfStale) return 'refetch if stale';
  if (c.focusRefetchAfterMs === 0) return 'refetch';
  return `refetch after > ${formatDuration(c.focusRefetchAfterMs)} away`;
}

/** A poll interval, or what happens without one: nudges only, or nothing at all. */
const pollRule = (ms: number | null, c: SyncContract) => (ms !== null ? formatDuration(ms) : c.staleMs === null ? '—' : 'nudges only');

const COLUMNS: [string, (c: SyncContract) => string][] = [
  ['Freshness source', (c) => CONTRACT_WORDS[c.refreshKey].source],
  ['Poll', (c) => formatDuration(c.pollMs)],
  ['Idle poll', (c) => formatDuration(c.idlePollMs)],
  ['Stream live', (c) => pollRule(c.livePollMs, c)],
  ['Stream down', (c) => pollRule(c.pollWhenRealtimeDownMs, c)],
  ['When hidden', (c) => (c.pollMs === null && c.pollWhenRealtimeDownMs === null ? '—' : c.pollWhenHidden ? 'keeps polling' : 'pauses')],
  ['Staleness', (c) => (c.staleMs === null ? 'manual' : formatDuration(c.staleMs))],
  ['On focus', focusRule],
  ['On visible', (c) => (c.refetchOnVisible ? 'refetch if stale' : '—')],
];

function Table({ rows, testId, caption }: { rows: readonly Readonly<SyncContract>[]; testId: string; caption: string }) {
  return (
    // Wider than a phone: it scrolls sideways, and takes focus so a keyboard can scroll it too.
    <div className="mt-3 overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-500" tabIndex={0} role="region" aria-label={caption}>
      <table className="w-full text-left text-sm" data-testid={testId}>
        <caption className="pb-2 text-left text-xs font-medium uppercase tracking-wide text-stone-500">{caption}</caption>
        <thead className="text-xs uppercase tracking-wide text-stone-500">
          <tr>
            {['Page', ...COLUMNS.map(([title]) => title)].map((title) => (
              <th key={title} scope="col" className="py-2 pr-3 font-medium">
                {title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-stone-100">
          {rows.map((c) => (
            <tr key={c.refreshKey} data-refresh-key={c.refreshKey}>
              <th scope="row" className="py-2 pr-3 font-medium">
                {CONTRACT_WORDS[c.refreshKey].page}
                <span className="block text-xs font-normal text-stone-500">{c.refreshKey}</span>
              </th>
              {COLUMNS.map(([title, cell]) => (
                <td key={title} className="py-2 pr-3">
                  {cell(c)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The web sync contracts as the code applies them (lib/sync/contracts.ts), read-only. A server
 * component: nothing in it changes in the browser, and none of it ships as script (decision 072).
 */
export function ContractsTable() {
  return (
    <TitledCard
      id="contracts-title"
      title="Sync contracts"
      description="How fresh each page keeps its data; changed only in code."
      className="card"
      headingClassName="font-semibold"
    >
      <Table rows={REFRESH_KEYS.map((key) => contracts[key])} testId="admin-contracts" caption="Pages" />
      <Table rows={QUERY_CONTRACT_KEYS.map((key) => queryContracts[key])} testId="admin-query-contracts" caption="Other queries" />
    </TitledCard>
  );
}
