/**
 * What a browser keeps of one user's tasks, shared by all its tabs: the client id, the outbox of
 * ops the server has not acknowledged, and the materialised document with the cursor it covers.
 * A local op is durable once `append` resolves; nothing else ever removes it but a server ack.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OpEnvelope } from '@/lib/shared/crdt';
import { isOpEnvelope } from '@/lib/shared/crdt/check';

export interface PersistedState {
  /** `TaskDocument.toSnapshot()`: it holds every op the server sent up to `cursor`. */
  snapshot: string;
  /** The last serverSeq applied; the next pull starts after it. */
  cursor: number;
  /** `OPS_VERSION` of a build from before ops were kept, which skipped ops it could not read; a newer build bootstraps. */
  skippedUnder?: number;
}

export interface OutboxEntry {
  /** The outbox key: increasing across tabs, so ops are pushed in the order they were made. */
  seq: number;
  op: OpEnvelope;
}

export interface StoreCommit {
  /** Outbox entries the server acknowledged. */
  ack?: number[];
  state?: PersistedState;
  /** Write `state` even if its cursor is below the stored one (after a re-bootstrap). */
  force?: boolean;
}

export interface TaskStore {
  /** This browser's client id for the user, made on first use; every tab reads the same one. */
  clientId(): Promise<string>;
  /** A fresh client id (the server said the old one belongs to someone else). */
  renewClientId(): Promise<string>;
  loadState(): Promise<PersistedState | null>;
  append(ops: OpEnvelope[]): Promise<void>;
  outbox(limit?: number): Promise<OutboxEntry[]>;
  outboxCount(): Promise<number>;
  /** Acks and the new state in one transaction, so a crash leaves either both or neither. */
  commit(change: StoreCommit): Promise<void>;
  /** Moves an op the server refuses out of the outbox, keeping it for inspection. */
  reject(entry: OutboxEntry, reason: string): Promise<void>;
  close(): void;
}

interface TasksDb extends DBSchema {
  meta: { key: string; value: unknown };
  outbox: { key: number; value: { op: OpEnvelope; at: number } };
  rejected: { key: number; value: { op: unknown; reason: string; at: number } };
}

const CLIENT_ID = 'clientId';
const STATE = 'state';

export const tasksDbName = (userId: string) => `passion-tasks-${userId}`;

function isState(value: unknown): value is PersistedState {
  const v = value as PersistedState | undefined;
  return (
    typeof v?.snapshot === 'string' && Number.isSafeInteger(v.cursor) && v.cursor >= 0 && (v.skippedUnder === undefined || Number.isSafeInteger(v.skippedUnder))
  );
}

class IdbTaskStore implements TaskStore {
  constructor(
    private readonly db: IDBPDatabase<TasksDb>,
    private readonly newId: () => string,
  ) {}

  async clientId(): Promise<string> {
    // Read and create in one readwrite transaction: two tabs opening at once agree on one id.
    const tx = this.db.transaction('meta', 'readwrite');
    const known = await tx.store.get(CLIENT_ID);
    const id = typeof known === 'string' ? known : this.newId();
    if (id !== known) await tx.store.put(id, CLIENT_ID);
    await tx.done;
    return id;
  }

  async renewClientId(): Promise<string> {
    const id = this.newId();
    await this.db.put('meta', id, CLIENT_ID);
    return id;
  }

  async loadState(): Promise<PersistedState | null> {
    const value = await this.db.get('meta', STATE);
    return isState(value) ? value : null;
  }

  async append(ops: OpEnvelope[]): Promise<void> {
    if (ops.length === 0) return;
    // Strict: the promise resolves only once the op is on disk, not just handed to the OS.
    const tx = this.db.transaction('outbox', 'readwrite', { durability: 'strict' });
    const at = Date.now();
    await Promise.all([...ops.map((op) => tx.store.add({ op, at })), tx.done]);
  }

  async outbox(limit?: number): Promise<OutboxEntry[]> {
    const tx = this.db.transaction('outbox', 'readonly');
    const [keys, values] = await Promise.all([tx.store.getAllKeys(null, limit), tx.store.getAll(null, limit), tx.done]);
    const entries: OutboxEntry[] = [];
    const unreadable: { seq: number; op: unknown }[] = [];
    keys.forEach((seq, i) => {
      const op = values[i]?.op;
      if (isOpEnvelope(op)) entries.push({ seq, op });
      else unreadable.push({ seq, op });
    });
    // Written by a build with other op schemas: pushing them would fail the whole batch forever.
    for (const bad of unreadable) await this.quarantine(bad.seq, bad.op, 'unreadable');
    return entries;
  }

  outboxCount(): Promise<number> {
    return this.db.count('outbox');
  }

  async commit({ ack = [], state, force = false }: StoreCommit): Promise<void> {
    const tx = this.db.transaction(['outbox', 'meta'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const meta = tx.objectStore('meta');
    const writes: Promise<unknown>[] = ack.map((seq) => outbox.delete(seq));
    if (state) {
      const stored = await meta.get(STATE);
      // Several writers (tabs without Web Locks, a resigning leader) must never move the cursor back.
      if (force || !isState(stored) || state.cursor >= stored.cursor) writes.push(meta.put(state, STATE));
    }
    await Promise.all([...writes, tx.done]);
  }

  reject(entry: OutboxEntry, reason: string): Promise<void> {
    return this.quarantine(entry.seq, entry.op, reason);
  }

  close(): void {
    this.db.close();
  }

  private async quarantine(seq: number, op: unknown, reason: string): Promise<void> {
    const tx = this.db.transaction(['outbox', 'rejected'], 'readwrite');
    await Promise.all([tx.objectStore('rejected').add({ op, reason, at: Date.now() }), tx.objectStore('outbox').delete(seq), tx.done]);
  }
}

export interface OpenStoreOptions {
  newId?: () => string;
}

/** Opens (creating on first use) the user's tasks database, `passion-tasks-<userId>`. */
export async function openTaskStore(userId: string, { newId = () => crypto.randomUUID() }: OpenStoreOptions = {}): Promise<TaskStore> {
  const db = await openDB<TasksDb>(tasksDbName(userId), 1, {
    upgrade(database) {
      database.createObjectStore('meta');
      database.createObjectStore('outbox', { autoIncrement: true });
      database.createObjectStore('rejected', { autoIncrement: true });
    },
    // A newer build in another tab wants to upgrade: let it; this tab's next write fails loudly.
    blocking() {
      db.close();
    },
  });
  return new IdbTaskStore(db, newId);
}

/**
 * The same contract in memory, for browsers without IndexedDB (some private modes): edits still
 * sync, but only while the tab is open.
 */
export function memoryTaskStore({ newId = () => crypto.randomUUID() }: OpenStoreOptions = {}): TaskStore {
  let clientId: string | null = null;
  let state: PersistedState | null = null;
  let next = 1;
  const outbox = new Map<number, OpEnvelope>();
  return {
    clientId: async () => (clientId ??= newId()),
    renewClientId: async () => (clientId = newId()),
    loadState: async () => state,
    append: async (ops) => ops.forEach((op) => outbox.set(next++, op)),
    outbox: async (limit) => [...outbox].slice(0, limit).map(([seq, op]) => ({ seq, op })),
    outboxCount: async () => outbox.size,
    commit: async ({ ack = [], state: s, force = false }) => {
      ack.forEach((seq) => outbox.delete(seq));
      if (s && (force || !state || s.cursor >= state.cursor)) state = s;
    },
    reject: async (entry) => {
      outbox.delete(entry.seq);
    },
    close: () => {},
  };
}
