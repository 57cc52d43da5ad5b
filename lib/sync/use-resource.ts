'use client';

import { useMemo } from 'react';
import { useSyncEnv } from './provider';
import type { Resource, SyncedResource } from './resources/resource';

/** The signed-in user's query of `resource` (stable while its arguments are), for a binding and its writes. */
export function useResource<T, A extends unknown[]>(resource: Resource<T, A>, ...args: A): SyncedResource<T> {
  const { userId } = useSyncEnv();
  const argsKey = JSON.stringify(args);
  // The arguments are compared by value: a new array of the same numbers is the same query.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  return useMemo(() => resource(userId, ...args), [resource, userId, argsKey]);
}
