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

/**
 * TanStack Query's persister over the user's database: the whole query cache under one key, written
 * at once and then at most every `throttleMs` (every settled fetch changes it), and on `pagehide` so
 * a change just made survives a reload; read back before the app renders data.
 */
export function queryCachePersister(userId: string, throttleMs = 500): Persister {
  let latest: PersistedClient | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    const client = latest;
    latest = null;
    if (client)
      void openOfflineDb(userId)
        .then((db) => db.put('cache', client, CLIENT_KEY))
        .catch(() => undefined);
  };
  const later = () => {
    timer = null;
    if (latest) {
      write();
      timer = setTimeout(later, throttleMs);
    }
  };
  if (typeof window !== 'undefined') window.addEventListener('pagehide', write);
  return {
    persistClient(client) {
      latest = client;
      if (timer === null) later();
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
