'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';

/** A card's loading skeleton, or its error with a retry, or its content once the data is here. */
export function CardStatus<T>({ query, what, children }: { query: UseQueryResult<T>; what: string; children: (data: T) => ReactNode }) {
  if (query.isPending) return <div className="h-20 animate-pulse rounded-lg bg-stone-100" aria-busy="true" aria-label={`Loading ${what}`} />;
  if (query.isError && query.data === undefined) {
    return (
      <div className="text-sm" role="alert">
        <p className="text-red-700">Could not load {what}.</p>
        <button type="button" className="btn-secondary mt-2" onClick={() => query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  return <>{children(query.data as T)}</>;
}
