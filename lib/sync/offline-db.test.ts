import type { PersistedClient } from '@tanstack/query-persist-client-core';
import { describe, expect, it } from 'vitest';
import { SAVED_QUERY_MAX_AGE_MS, mergeSavedClients } from './offline-db';

const NOW = Date.UTC(2026, 11, 6, 12);

function client(queries: [hash: string, data: unknown, at: number][], timestamp = NOW): PersistedClient {
  return {
    timestamp,
    buster: '',
    clientState: {
      mutations: [],
      queries: queries.map(([queryHash, data, dataUpdatedAt]) => ({
        queryHash,
        queryKey: [queryHash],
        dehydratedAt: timestamp,
        state: { data, dataUpdatedAt } as PersistedClient['clientState']['queries'][number]['state'],
      })),
    },
  };
}

const dataOf = (c: PersistedClient) => Object.fromEntries(c.clientState.queries.map((q) => [q.queryHash, q.state.data]));

describe('mergeSavedClients', () => {
  it('keeps, per query, the newer answer: a tab on older data does not undo another tab’s change', () => {
    const saved = client([['habits', 'logged offline', NOW - 1_000]]);
    const staleTab = client([['habits', 'not logged', NOW - 60_000]]);
    expect(dataOf(mergeSavedClients(saved, staleTab, NOW))).toEqual({ habits: 'logged offline' });
    const newerTab = client([['habits', 'from the server', NOW]]);
    expect(dataOf(mergeSavedClients(saved, newerTab, NOW))).toEqual({ habits: 'from the server' });
  });

  it('keeps the queries a tab does not hold, and drops answers older than a week', () => {
    const saved = client([
      ['books', 'books', NOW - 60_000],
      ['mood', 'ancient', NOW - SAVED_QUERY_MAX_AGE_MS - 1],
    ]);
    const tab = client([['habits', 'habits', NOW]]);
    expect(dataOf(mergeSavedClients(saved, tab, NOW))).toEqual({ habits: 'habits', books: 'books' });
    expect(dataOf(mergeSavedClients(undefined, tab, NOW))).toEqual({ habits: 'habits' });
  });
});
