'use client';

import { useMutation, useQueryClient, type UseMutationResult } from '@tanstack/react-query';
import { sendJson } from './api';
import { isQueuedOffline } from './outbox';
import { showToast } from './toast';
import { useSyncEnv } from './provider';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/**
 * A write to our API followed by exactly one refetch of the list it changes (`queryKey`), which
 * this tab fetches and relays to the others: `useListWrite(key, (id) => ['DELETE', bookUrl(id)])`.
 */
export function useListWrite<TVars, TResult = unknown>(
  queryKey: readonly unknown[],
  request: (vars: TVars) => [Method, string, unknown?],
): UseMutationResult<TResult, Error, TVars> {
  const { deviceId } = useSyncEnv();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (vars: TVars) => {
      const [method, url, body] = request(vars);
      return sendJson<TResult>(method, url, deviceId, body);
    },
    onSuccess: () => client.invalidateQueries({ queryKey, exact: true }),
    // Kept in the outbox: it shows once delivered (the outbox refetches then).
    onError: (error) => {
      if (isQueuedOffline(error)) showToast(error.message, 'info');
    },
  });
}
