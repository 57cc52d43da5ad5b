import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from './conditional-fetch';
import { useOptimisticMutation } from './optimistic';
import { currentToasts, dismissToast } from './toast';
import { deferred } from '@/test/deferred';

interface Quest {
  id: string;
  done: boolean;
}

const KEY = ['quests', 'u1'] as const;

/** A quest list on the "server", a query reading it, and an optimistic "complete" mutation. */
function setup(o: { errorMessage?: (error: Error, id: string) => string } = {}) {
  let server: Quest[] = [
    { id: 'q1', done: false },
    { id: 'q2', done: false },
  ];
  let reads = 0;
  const pending = deferred<Quest[]>();
  let gate: Promise<unknown> | null = null;
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const readQuests = async () => {
    reads += 1;
    const answer = structuredClone(server);
    if (gate) await gate;
    return answer;
  };
  const hook = renderHook(
    () => {
      const query = useQuery({ queryKey: KEY, queryFn: readQuests });
      const complete = useOptimisticMutation<string, Quest[], Quest[]>({
        queryKey: KEY,
        mutationFn: () => pending.promise,
        apply: (cache, id) => cache?.map((q) => (q.id === id ? { ...q, done: true } : q)),
        errorMessage: o.errorMessage,
      });
      return { query, complete };
    },
    { wrapper },
  );
  return {
    client,
    hook,
    reads: () => reads,
    setServer: (next: Quest[]) => {
      server = next;
    },
    answer: () => pending,
    /** Holds every later read until `release` is called; the read answers with the server as it was when asked. */
    holdReads: () => {
      const d = deferred<void>();
      gate = d.promise;
      return () => d.resolve();
    },
  };
}

const cache = (client: QueryClient) => client.getQueryData<Quest[]>(KEY);

afterEach(() => {
  for (const toast of currentToasts()) dismissToast(toast.id);
});

describe('useOptimisticMutation', () => {
  it('shows the change at once, before the server answers', async () => {
    const t = setup();
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    act(() => t.hook.result.current.complete.mutate('q1'));
    await waitFor(() => expect(cache(t.client)?.[0].done).toBe(true));
    expect(t.hook.result.current.complete.isPending).toBe(true);
    expect(t.reads()).toBe(1);
  });

  it('reconciles with exactly one refetch after success, and the server’s answer wins', async () => {
    const t = setup();
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    act(() => t.hook.result.current.complete.mutate('q1'));
    await waitFor(() => expect(cache(t.client)?.[0].done).toBe(true));

    // The server also knows about q3, made on another device meanwhile.
    t.setServer([
      { id: 'q1', done: true },
      { id: 'q2', done: false },
      { id: 'q3', done: false },
    ]);
    await act(async () => t.answer().resolve([]));
    await waitFor(() => expect(t.hook.result.current.complete.isSuccess).toBe(true));
    await waitFor(() => expect(cache(t.client)).toHaveLength(3));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(t.reads()).toBe(2);
    expect(currentToasts()).toEqual([]);
  });

  it('rolls back, shows a toast and refetches exactly once when the server refuses', async () => {
    const t = setup();
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    const before = cache(t.client);
    act(() => t.hook.result.current.complete.mutate('q2'));
    await waitFor(() => expect(cache(t.client)?.[1].done).toBe(true));

    await act(async () => t.answer().reject(new ApiError(409, 'conflict', 'Quest already completed')));
    await waitFor(() => expect(t.hook.result.current.complete.isError).toBe(true));
    expect(cache(t.client)?.[1].done).toBe(false);
    expect(currentToasts().map((toast) => [toast.message, toast.tone])).toEqual([['Quest already completed — your change was undone.', 'error']]);
    await waitFor(() => expect(t.reads()).toBe(2));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(t.reads()).toBe(2);
    expect(cache(t.client)).toEqual(before);
  });

  it('uses the caller’s wording for the rollback toast', async () => {
    const t = setup({ errorMessage: (error, id) => `Could not complete ${id}: ${error.message}` });
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    act(() => t.hook.result.current.complete.mutate('q1'));
    await act(async () => t.answer().reject(new Error('offline')));
    await waitFor(() => expect(currentToasts().map((toast) => toast.message)).toEqual(['Could not complete q1: offline']));
  });

  it('cancels a refetch in flight so an older answer cannot overwrite the optimistic change', async () => {
    const t = setup();
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    const release = t.holdReads();
    void t.client.refetchQueries({ queryKey: KEY });
    await waitFor(() => expect(t.reads()).toBe(2));
    act(() => t.hook.result.current.complete.mutate('q1'));
    await waitFor(() => expect(cache(t.client)?.[0].done).toBe(true));
    await act(async () => release());
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(cache(t.client)?.[0].done).toBe(true);
  });

  it('puts the server’s answer in place of the guess as soon as it answers, before the refetch does', async () => {
    const t = setup();
    await waitFor(() => expect(t.hook.result.current.query.data).toBeDefined());
    const saved = deferred<Quest>();
    const create = renderHook(
      () =>
        useOptimisticMutation<string, Quest, Quest[]>({
          queryKey: KEY,
          mutationFn: () => saved.promise,
          apply: (cache, id) => cache && [...cache, { id, done: false }],
          confirm: (cache, id, quest) => cache?.map((q) => (q.id === id ? quest : q)),
        }),
      { wrapper: ({ children }: { children: ReactNode }) => <QueryClientProvider client={t.client}>{children}</QueryClientProvider> },
    );
    act(() => create.result.current.mutate('pending-1'));
    await waitFor(() => expect(cache(t.client)?.map((q) => q.id)).toEqual(['q1', 'q2', 'pending-1']));

    // The refetch that follows is held: what the list shows meanwhile is the confirmed row.
    const release = t.holdReads();
    await act(async () => saved.resolve({ id: 'q9', done: false }));
    await waitFor(() => expect(cache(t.client)?.map((q) => q.id)).toEqual(['q1', 'q2', 'q9']));
    expect(t.reads()).toBe(2);
    await act(async () => release());
    await waitFor(() => expect(create.result.current.isSuccess).toBe(true));
  });
});
