import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render, within, type RenderResult } from '@testing-library/react';
import { useMemo, type ReactNode } from 'react';
import { SWRConfig, type Cache } from 'swr';
import { vi } from 'vitest';
import { ConditionalFetcher } from '@/lib/sync/conditional-fetch';
import type { ContractName } from '@/lib/sync/contracts';
import { hashQueryKey } from '@/lib/sync/env';
import { elect } from '@/lib/sync/leader';
import { lastFetchStore } from '@/lib/sync/last-fetch';
import { SyncProvider, useSyncEnv, type RelayMessage, type SyncEnv } from '@/lib/sync/provider';
import { RealtimeProvider } from '@/lib/sync/realtime';
import type { SyncedResource } from '@/lib/sync/resources/resource';
import { RealtimeClient, type RealtimeMessage } from '@/lib/sync/sse-client';
import { FakeLifecycle, fakeEventSources, MemoryStorage, memoryBus, testSyncEnv } from '@/lib/sync/test-env';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useSyncedSWR } from '@/lib/sync/use-synced-swr';

export const S = 1000;
export const M = 60 * S;
export const LATENCY = 50;
export const URL_ACTIVE = '/api/focus/active';

interface ServerHit {
  tab: string;
  userId: string;
  url: string;
  ifNoneMatch: string | null;
  at: number;
  aborted: boolean;
}

/** One server for every tab: per-user bodies behind a version ETag, answered after LATENCY ms. */
export function fakeServer() {
  const versions = new Map<string, number>();
  const requests: ServerHit[] = [];
  const version = (userId: string) => versions.get(userId) ?? 1;
  return {
    requests,
    change(userId: string) {
      versions.set(userId, version(userId) + 1);
    },
    fetchFor(tab: string, userId: string): typeof fetch {
      return (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = String(input);
        const request: ServerHit = { tab, userId, url, ifNoneMatch: new Headers(init?.headers).get('if-none-match'), at: Date.now(), aborted: false };
        requests.push(request);
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, LATENCY);
          init?.signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            request.aborted = true;
            reject(new DOMException('aborted', 'AbortError'));
          });
        });
        const etag = `"${userId}-${url}-v${version(userId)}"`;
        if (request.ifNoneMatch === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
        return new Response(JSON.stringify({ value: `${userId} ${url} v${version(userId)}` }), { status: 200, headers: { ETag: etag } });
      }) as typeof fetch;
    },
    by(tab: string, since = 0, url?: string) {
      return requests.filter((r) => r.tab === tab && r.at >= since && (url === undefined || r.url === url));
    },
  };
}

export type Server = ReturnType<typeof fakeServer>;
export type Bus = ReturnType<typeof memoryBus<RelayMessage>>;

export interface Tab {
  name: string;
  env: SyncEnv;
  lifecycle: FakeLifecycle;
  client: QueryClient;
  swrCache: Cache;
  session: Storage;
  realtime: RealtimeClient | null;
}

export interface TabOptions {
  server: Server;
  bus: Bus;
  userId?: string;
  session?: Storage;
  client?: QueryClient;
  swrCache?: Cache;
  /** One browser's realtime: its tabs share the SSE bus, and the leader holds a fake EventSource. */
  realtime?: { bus: ReturnType<typeof memoryBus<RealtimeMessage>>; sources: ReturnType<typeof fakeEventSources> };
}

export function makeTab(name: string, o: TabOptions): Tab {
  const userId = o.userId ?? 'u1';
  const session = o.session ?? new MemoryStorage();
  const lifecycle = new FakeLifecycle();
  const env = testSyncEnv({ fetch: o.server.fetchFor(name, userId), userId, deviceId: `web-${name}`, session, channel: o.bus.open(), lifecycle });
  const realtime = o.realtime
    ? new RealtimeClient({
        userId,
        deviceId: env.deviceId,
        deviceLabel: name,
        channel: o.realtime.bus.open(),
        elect: (onChange) => elect(`pos-sse:${userId}`, onChange),
        lifecycle,
        createEventSource: o.realtime.sources.create,
      })
    : null;
  const client = o.client ?? new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return { name, env, lifecycle, client, swrCache: o.swrCache ?? new Map(), session, realtime };
}

export interface ProbeProps {
  contract?: ContractName;
  url?: string;
  enabled?: boolean;
  /** A resource of the app instead of the probe's own (realtime nudges match real keys). */
  resource?: (userId: string) => SyncedResource<{ value: string }>;
  /** Every value this probe ever rendered, with the user it rendered for. */
  seen?: string[];
}

export const probeKey = (userId: string, contract: ContractName, url: string) => ['probe', userId, contract, url] as const;

function useProbeResource({ contract = 'focus', url = URL_ACTIVE, resource }: ProbeProps): SyncedResource<{ value: string }> {
  const { userId } = useSyncEnv();
  return useMemo(() => resource?.(userId) ?? { queryKey: probeKey(userId, contract, url), url, contract }, [resource, userId, contract, url]);
}

function Shown({ value, seen }: { value: string | undefined; seen?: string[] }) {
  const { userId } = useSyncEnv();
  const text = value ?? 'nothing';
  seen?.push(`${userId}: ${text}`);
  return <output data-testid="probe">{text}</output>;
}

export interface Binding {
  name: string;
  Probe: (props: ProbeProps) => ReactNode;
  /** What the binding's cache holds for the key, as the component sees it. */
  cached: (tab: Tab, key: readonly unknown[]) => unknown;
}

export const BINDINGS: Binding[] = [
  {
    name: 'TanStack Query',
    Probe: function TanStackProbe(props) {
      const query = useSyncedQuery(useProbeResource(props), { enabled: props.enabled ?? true });
      return <Shown value={query.data?.value} seen={props.seen} />;
    },
    cached: (tab, key) => tab.client.getQueryData(key),
  },
  {
    name: 'SWR',
    Probe: function SwrProbe(props) {
      const swr = useSyncedSWR(useProbeResource(props), { enabled: props.enabled ?? true });
      return <Shown value={swr.data?.value} seen={props.seen} />;
    },
    cached: (tab, key) => (tab.swrCache.get(hashQueryKey(key)) as { data?: unknown } | undefined)?.data,
  },
];

export function ui(tab: Tab, children: ReactNode) {
  const inner = tab.realtime ? <RealtimeProvider realtime={tab.realtime}>{children}</RealtimeProvider> : children;
  return (
    <QueryClientProvider client={tab.client}>
      <SWRConfig value={{ provider: () => tab.swrCache }}>
        <SyncProvider key={tab.env.userId} userId={tab.env.userId} env={tab.env}>
          {inner}
        </SyncProvider>
      </SWRConfig>
    </QueryClientProvider>
  );
}

export function mountWith(binding: Binding, tab: Tab, props: ProbeProps = {}): RenderResult & { text: () => string } {
  const result = render(ui(tab, <binding.Probe {...props} />));
  return Object.assign(result, { text: () => within(result.container).getByTestId('probe').textContent ?? '' });
}

export async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

export const queryHashOf = (userId: string, contract: ContractName, url = URL_ACTIVE) => hashQueryKey(probeKey(userId, contract, url));

/** The page before a reload fetched `url` in this tab's sessionStorage and remembered when. */
export async function previousPage(server: Server, session: Storage, contract: ContractName, url = URL_ACTIVE) {
  const fetcher = new ConditionalFetcher({ userId: 'u1', fetch: server.fetchFor('previous page', 'u1'), storage: session });
  const done = fetcher.get(url);
  await vi.advanceTimersByTimeAsync(LATENCY);
  await done;
  lastFetchStore(session, 'u1', contract, queryHashOf('u1', contract, url)).set(Date.now());
}
