'use client';

import type { QueryObserverSuccessResult, UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadFailed } from './LoadFailed';

/** The page's data is here: not loading, and the last fetch did not fail. */
export const isLoaded = <T,>(query: UseQueryResult<T>): query is QueryObserverSuccessResult<T> => query.isSuccess;

/** What a page shows until `isLoaded`: its skeleton while loading, what failed and a retry otherwise. */
export function QueryFallback({ query, skeleton, what }: { query: UseQueryResult<unknown>; skeleton: ReactNode; what: string }) {
  return query.isPending ? skeleton : <LoadFailed what={what} onRetry={query.refetch} />;
}
