'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { LoadFailed } from './LoadFailed';

/** A card's loading skeleton, or its error with a retry, or its content once the data is here. */
export function CardStatus<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <div className="h-20 animate-pulse rounded-lg bg-stone-100" aria-busy="true" aria-label={`Loading ${what}`} />;
  if (query.isError && query.data === undefined) return <LoadFailed what={what} onRetry={query.refetch} card={false} />;
  return <>{children(query.data as T)}</>;
}
