import { toApiError, type ApiError } from './conditional-fetch';
import { REQUEST_TIMEOUT_MS, withDeadline } from './deadline';
import { openOfflineDb, type OutboxRecord } from './offline-db';
import { changedFields } from './outbox-changes';

// The outbox of every page's writes (decision 043): a write that cannot be sent now (offline, or no
// answer) is kept in the user's IndexedDB and sent later, in order, once, by one tab at a time.
// Every attempt carries the write's Idempotency-Key, so a write whose answer was lost is never
// applied twice (decision 042). Tasks keep their own op log (lib/sync/tasks).

/** What a write kept for later throws, so the caller keeps its optimistic change instead of undoing it. */
export class QueuedOffline extends Error {
  constructor(readonly record: OutboxRecord) {
    super('Saved on this device — it will be sent when you are back online');
    this.name = 'QueuedOffline';
  }
}

export const isQueuedOffline = (error: unknown): error is QueuedOffline => error instanceof Error && error.name === 'QueuedOffline';

/** What a delivery round did, for the page to reconcile (refetch) and to tell the user. */
export interface DeliveryReport {
  delivered: number;
  refused: { record: OutboxRecord; error: ApiError }[];
  /** Delivered, but stored otherwise than sent (outbox-changes.ts): the user is told which fields. */
  changed: { record: OutboxRecord; fields: string[] }[];
}

export interface OutboxEnv {
  fetch: typeof fetch;
  online: () => boolean;
  /** Runs `work` only if no other tab is delivering this user's outbox (Web Locks); null when it is. */
  exclusive: <T>(name: string, work: () => Promise<T>) => Promise<T | null>;
}

function browserEnv(): OutboxEnv {
  return {
    fetch: (...args) => fetch(...args),
    online: () => navigator.onLine !== false,
    exclusive: async (name, work) => {
      if (!navigator.locks) return work();
      return navigator.locks.request(name, { ifAvailable: true }, async (lock) => (lock ? work() : null));
    },
  };
}

/** A network failure or no answer in time: the write may or may not have arrived. */
const isTransportFailure = (error: unknown) =>
  error instanceof TypeError || (error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'NetworkError'));

export class Outbox {
  private readonly listeners = new Set<(count: number) => void>();
  private readonly channel: BroadcastChannel | null;
  private count = 0;
  private readonly ready: Promise<void>;

  constructor(
    readonly userId: string,
    private readonly env: OutboxEnv = browserEnv(),
  ) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`passion-outbox-${userId}`);
    this.channel?.addEventListener('message', () => void this.recount());
    this.ready = this.recount();
  }

  /** Writes waiting to be sent, in this browser, for this user. */
  get pending(): number {
    return this.count;
  }

  subscribe(listener: (count: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async list(): Promise<OutboxRecord[]> {
    return (await openOfflineDb(this.userId)).getAll('outbox');
  }

  /**
   * Sends a write, or keeps it for later: offline, behind writes still waiting (order matters), or
   * when the network fails on the way. Answers the server's JSON; throws ApiError for a refusal and
   * QueuedOffline for a write kept.
   */
  async send<T>(record: Omit<OutboxRecord, 'seq' | 'queuedAt'>): Promise<T> {
    await this.ready;
    if (!this.env.online() || this.count > 0) throw await this.keep(record);
    try {
      return (await this.attempt(record)) as T;
    } catch (error) {
      if (isTransportFailure(error)) throw await this.keep(record);
      throw error;
    }
  }

  /**
   * Sends what waits, oldest first, while the server answers; stops at the first transport failure
   * or server error (the rest keep their order for the next round). A refusal (4xx) is dropped and
   * reported: the server's state wins. Only one tab of the browser delivers at a time.
   */
  async deliver(): Promise<DeliveryReport> {
    const report: DeliveryReport = { delivered: 0, refused: [], changed: [] };
    if (!this.env.online()) return report;
    await this.env.exclusive(`passion-outbox:${this.userId}`, async () => {
      const store = await openOfflineDb(this.userId);
      for (const record of await store.getAll('outbox')) {
        try {
          const fields = changedFields(record.body, await this.attempt(record));
          if (fields.length > 0) report.changed.push({ record, fields });
          report.delivered += 1;
        } catch (error) {
          if (isTransportFailure(error)) break;
          const refusal = error as ApiError;
          // A server failure, or the first attempt still running on another node: next round.
          if (refusal.status >= 500 || (refusal.status === 409 && refusal.message.includes('Idempotency-Key'))) break;
          report.refused.push({ record, error: refusal });
        }
        await store.delete('outbox', record.seq!);
        await this.changed();
      }
    });
    return report;
  }

  /** Forgets every waiting write (the user chose to sign out without them). */
  async clear(): Promise<void> {
    await (await openOfflineDb(this.userId)).clear('outbox');
    await this.changed();
  }

  close(): void {
    this.channel?.close();
    this.listeners.clear();
  }

  private async attempt(record: Omit<OutboxRecord, 'seq' | 'queuedAt'>): Promise<unknown> {
    return withDeadline(REQUEST_TIMEOUT_MS, record.url, undefined, async (signal) => {
      const res = await this.env.fetch(record.url, {
        method: record.method,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          'X-Device-Id': record.deviceId,
          'Idempotency-Key': record.key,
        },
        body: JSON.stringify(record.body ?? {}),
        credentials: 'same-origin',
        signal,
      });
      if (!res.ok) throw await toApiError(res);
      return res.status === 204 ? null : res.json();
    });
  }

  private async keep(record: Omit<OutboxRecord, 'seq' | 'queuedAt'>): Promise<QueuedOffline> {
    const kept: OutboxRecord = { ...record, queuedAt: Date.now() };
    kept.seq = await (await openOfflineDb(this.userId)).add('outbox', kept);
    await this.changed();
    return new QueuedOffline(kept);
  }

  private async changed(): Promise<void> {
    await this.recount();
    this.channel?.postMessage('changed');
  }

  private async recount(): Promise<void> {
    try {
      this.count = await (await openOfflineDb(this.userId)).count('outbox');
    } catch {
      this.count = 0;
    }
    this.listeners.forEach((listener) => listener(this.count));
  }
}
