'use client';

import { useMutation, useQueryClient, type QueryKey, type UseMutationResult } from '@tanstack/react-query';
import { isQueuedOffline } from './outbox';
import { showToast } from './toast';

export interface OptimisticOptions<TVars, TResult, TCache> {
  queryKey: QueryKey;
  mutationFn: (vars: TVars) => Promise<TResult>;
  /** The cache as it will look once the server agrees. */
  apply: (cache: TCache | undefined, vars: TVars) => TCache | undefined;
  /** Shown in a toast when the server refuses and the change is rolled back. */
  errorMessage?: (error: Error, vars: TVars) => string;
  /**
   * The cache with the server's answer in place of what `apply` guessed (a new row's real id), as
   * soon as it answers: the row is the saved one before the refetch, whose answer still wins.
   */
  confirm?: (cache: TCache | undefined, vars: TVars, result: TResult) => TCache | undefined;
}

/**
 * Optimistic mutation (seed 001): change the cache at once, send, roll back with a toast on
 * error, then reconcile with exactly one refetch whose answer wins. Offline, the change stays and
 * the write waits in the outbox (outbox.ts).
 */
export function useOptimisticMutation<TVars, TResult, TCache>(
  o: OptimisticOptions<TVars, TResult, TCache>,
): UseMutationResult<TResult, Error, TVars, { previous: TCache | undefined }> {
  const client = useQueryClient();
  return useMutation({
    mutationFn: o.mutationFn,
    onMutate: async (vars) => {
      await client.cancelQueries({ queryKey: o.queryKey, exact: true });
      const previous = client.getQueryData<TCache>(o.queryKey);
      client.setQueryData<TCache | undefined>(o.queryKey, (cache) => o.apply(cache, vars));
      return { previous };
    },
    onSuccess: (result, vars) => {
      if (o.confirm) client.setQueryData<TCache | undefined>(o.queryKey, (cache) => o.confirm?.(cache, vars, result));
    },
    onError: (error, vars, context) => {
      // Kept in the outbox: the change stays shown, marked as waiting, until it is sent.
      if (isQueuedOffline(error)) return;
      client.setQueryData(o.queryKey, context?.previous);
      showToast(o.errorMessage?.(error, vars) ?? `${error.message} — your change was undone.`);
    },
    // A kept write is reconciled when the outbox delivers it; a refetch now would hide it.
    onSettled: (_data, error) => (isQueuedOffline(error) ? undefined : client.invalidateQueries({ queryKey: o.queryKey, exact: true })),
  });
}
