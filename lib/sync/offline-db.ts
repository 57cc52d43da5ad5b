import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { PersistedClient, Persister } from '@tanstack/query-persist-client-core';

// What this browser keeps of one user for offline use, in that user's own IndexedDB database
// (`passion-offline-<userId>`, beside the tasks op log's `passion-tasks-<userId>`): the last answers
// of every query (`cache`) and the writes still to send (`outbox`, outbox.ts).

export interface OutboxRecord {
  /** Order of the writes: replayed lowest first. */
  seq?: number;
  /** The Idempotency-Key every attempt carries, so the server applies the write once. */
  key: string;
  method: 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  body?: unknown;
  deviceId: string;
  queuedAt: number;
}

interface OfflineDb extends DBSchema {
  cache: { key: string; value: PersistedClient };
  outbox: { key: number; value: OutboxRecord };
}

export type OfflineDatabase = IDBPDatabase<OfflineDb>;

export const offlineDbName = (userId: string) => `passion-offline-${userId}`;

const open = new Map<string, Promise<OfflineDatabase>>();

/** The user's database, opened once per tab. */
export function openOfflineDb(userId: string): Promise<OfflineDatabase> {
  let db = open.get(userId);
  if (!db) {
    db = openDB<OfflineDb>(offlineDbName(userId), 1, {
      upgrade(database) {
        database.createObjectStore('cache');
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      },
      // A newer build in another tab upgrades it: let it, and reopen on next use.
      blocking() {
        void db?.then((d) => d.close());
        open.delete(userId);
      },
    });
    db.catch(() => open.delete(userId));
    open.set(userId, db);
  }
  return db;
}

const CLIENT_KEY = 'query-client';
/** Saved answers older than this are dropped: a week offline starts that page afresh. */
export const SAVED_QUERY_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One tab's cache merged into what is saved: per query the newer answer wins, and queries the tab
 * does not hold are kept. Every tab of the user saves into the same record, so a tab left on an
 * older answer must not overwrite a change another tab just made (an optimistic one included).
 */
export function mergeSavedClients(saved: PersistedClient | undefined, incoming: PersistedClient, now = Date.now()): PersistedClient {
  const queries = new Map(incoming.clientState.queries.map((q) => [q.queryHash, q]));
  for (const old of saved?.clientState.queries ?? []) {
    const mine = queries.get(old.queryHash);
    if (!mine || old.state.dataUpdatedAt > mine.state.dataUpdatedAt) queries.set(old.queryHash, old);
  }
  const fresh = [...queries.values()].filter((q) => now - q.state.dataUpdatedAt <= SAVED_QUERY_MAX_AGE_MS);
  return { ...incoming, clientState: { ...incoming.clientState, queries: fresh } };
}

async function saveMerged(userId: string, client: PersistedClient): Promise<void> {
  const tx = (await openOfflineDb(userId)).transaction('cache', 'readwrite');
  const saved = await tx.store.get(CLIENT_KEY);
  await tx.store.put(mergeSavedClients(saved, client), CLIENT_KEY);
  await tx.done;
}

/**
 * TanStack Query's persister over the user's database: the whole query cache under one key, merged
 * with what other tabs saved. Written at once, one write at a time, the latest cache next (changes
 * that arrive meanwhile coalesce), so a change just made is saved before a reload can lose it.
 */
export function queryCachePersister(userId: string): Persister {
  let latest: PersistedClient | null = null;
  let writing = false;
  const pump = () => {
    if (writing || !latest) return;
    const client = latest;
    latest = null;
    writing = true;
    void saveMerged(userId, client)
      .catch(() => undefined)
      .finally(() => {
        writing = false;
        pump();
      });
  };
  return {
    persistClient(client) {
      latest = client;
      pump();
    },
    restoreClient: async () => (await openOfflineDb(userId)).get('cache', CLIENT_KEY),
    removeClient: async () => {
      latest = null;
      await (await openOfflineDb(userId)).delete('cache', CLIENT_KEY);
    },
  };
}

/** Forgets what this browser saved of the user's data for reading offline (sign-out). */
export async function forgetSavedQueries(userId: string): Promise<void> {
  await (await openOfflineDb(userId)).delete('cache', CLIENT_KEY);
}

/** How many of the user's writes wait in this browser's outbox. */
export async function waitingWrites(userId: string): Promise<number> {
  return (await openOfflineDb(userId)).count('outbox');
}
