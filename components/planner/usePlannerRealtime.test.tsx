import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { SyncProvider } from '@/lib/sync/provider';
import { todayPlan } from '@/lib/sync/resources/plan';
import { plannerEvents } from '@/lib/sync/resources/planner';
import { RealtimeProvider } from '@/lib/sync/realtime';
import { testRealtime, testSyncEnv } from '@/lib/sync/test-env';
import { DAY, ev } from './test-events';
import { usePlannerEvents } from './usePlannerEvents';

/** GET /api/planner/events?from&to from a list of events, behind a version ETag. */
function plannerServer(events: PlannerEvent[]) {
  let version = 1;
  const requests: string[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://test');
    requests.push(url.search);
    const from = Number(url.searchParams.get('from'));
    const to = Number(url.searchParams.get('to'));
    const etag = `"planner-v${version}-${from}-${to}"`;
    if (new Headers(init?.headers).get('if-none-match') === etag) return new Response(null, { status: 304, headers: { ETag: etag } });
    return new Response(JSON.stringify(events.filter((e) => e.startsAt < to && e.endsAt > from)), { status: 200, headers: { ETag: etag } });
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    requests,
    set(next: PlannerEvent[]) {
      events = next;
      version += 1;
    },
  };
}

function Week({ from, to }: { from: number; to: number }) {
  const { query } = usePlannerEvents(from, to);
  return <output>{query.data?.map((e) => e.id).join(',')}</output>;
}

async function advance(ms: number) {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

async function plannerOpenOnWeek1(server: ReturnType<typeof plannerServer>) {
  const env = testSyncEnv({ fetch: server.fetch });
  const { realtime, sources } = testRealtime({ userId: 'u1', deviceId: env.deviceId });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // Week 2 was visited earlier and is still cached; Today is cached too.
  client.setQueryData(plannerEvents('u1', 7 * DAY, 14 * DAY).queryKey, [ev('x', 9 * DAY)]);
  client.setQueryData(todayPlan('u1').queryKey, { items: [] });
  const view = render(
    <QueryClientProvider client={client}>
      <SyncProvider userId="u1" env={env}>
        <RealtimeProvider realtime={realtime}>
          <Week from={0} to={7 * DAY} />
        </RealtimeProvider>
      </SyncProvider>
    </QueryClientProvider>,
  );
  await advance(1000);
  act(() => sources.last()!.open());
  await advance(1000);
  const week = (from: number) => client.getQueryData<PlannerEvent[]>(plannerEvents('u1', from, from + 7 * DAY).queryKey)?.map((e) => e.id);
  return { client, source: sources.last()!, text: () => view.container.textContent, week, requestsBefore: server.requests.length };
}

describe('the planner and calendar events', () => {
  it('applies created, updated and deleted events to every cached week without a request, and still refreshes Today', async () => {
    const server = plannerServer([ev('a', DAY)]);
    const { client, source, text, week, requestsBefore } = await plannerOpenOnWeek1(server);
    expect(text()).toBe('a');

    act(() => source.send({ channel: 'calendar', type: 'event_created', payload: ev('b', 2 * DAY), changedScopes: ['planner'] }));
    await advance(0);
    expect(text()).toBe('a,b');

    act(() => source.send({ channel: 'calendar', type: 'event_updated', payload: ev('a', 8 * DAY, { updatedAt: 20 }), changedScopes: ['planner'] }));
    await advance(0);
    expect(week(0)).toEqual(['b']);
    expect(week(7 * DAY)).toEqual(['a', 'x']);

    act(() => source.send({ channel: 'calendar', type: 'event_deleted', payload: ev('x', 9 * DAY), changedScopes: ['planner'] }));
    await advance(10_000);
    expect(week(7 * DAY)).toEqual(['a']);
    expect(server.requests).toHaveLength(requestsBefore);
    expect(client.getQueryState(plannerEvents('u1', 7 * DAY, 14 * DAY).queryKey)?.isInvalidated).toBe(false);
    expect(client.getQueryState(todayPlan('u1').queryKey)?.isInvalidated).toBe(true);
  });

  it('refetches the shown week once, and marks the others stale, when the event merged several changes', async () => {
    const server = plannerServer([ev('a', DAY)]);
    const { client, source, text, requestsBefore } = await plannerOpenOnWeek1(server);
    server.set([ev('a', DAY), ev('b', 2 * DAY), ev('c', 3 * DAY)]);
    act(() => source.send({ channel: 'calendar', type: 'event_created', payload: ev('c', 3 * DAY), changedScopes: ['planner'], merged: 2 }));
    await advance(1000);
    expect(server.requests).toHaveLength(requestsBefore + 1);
    expect(text()).toBe('a,b,c');
    expect(client.getQueryState(plannerEvents('u1', 7 * DAY, 14 * DAY).queryKey)?.isInvalidated).toBe(true);
  });
});
