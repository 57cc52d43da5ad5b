import type { OpEnvelope } from '@/lib/shared/crdt';
import { holdPageUntil } from '../leave-guard';
import type { TaskStore } from './store';

export interface LocalOutboxOptions {
  store: () => TaskStore;
  /** Something shown changed (the pending count, a write error). */
  changed: () => void;
  /** These ops are on disk now, in this order: tell the other tabs, and push if leading. */
  saved: (ops: OpEnvelope[]) => void;
  disposed: () => boolean;
}

/**
 * This tab's local ops on their way to the IndexedDB outbox: each is applied to the replica at
 * once and is durable when its `persist` promise resolves. A failed write is retried with the next
 * op, in order, so nothing accepted is ever dropped or reordered. Until the write is done, leaving
 * the page asks first (leave-guard.ts).
 */
export class LocalOutbox {
  /** Shown until a write succeeds again. */
  writeError: string | null = null;
  private unsaved: OpEnvelope[] = [];
  private writes: Promise<void> = Promise.resolve();
  private stored = 0;
  private countSeq = 0;

  constructor(private readonly o: LocalOutboxOptions) {}

  /** Local ops the server has not acknowledged yet, from every tab (as far as this tab knows). */
  pending(): number {
    return this.stored + this.unsaved.length;
  }

  setStored(count: number): void {
    this.stored = count;
  }

  /** Resolves once every op accepted so far is in the outbox. */
  flushed(): Promise<void> {
    return this.writes;
  }

  persist(op: OpEnvelope): Promise<void> {
    this.unsaved.push(op);
    this.o.changed();
    const write = holdPageUntil(this.writes.then(() => this.flush()));
    this.writes = write.catch(() => {});
    return write;
  }

  /** Reads the outbox size again (other tabs and the server's acks change it). */
  async recount(): Promise<void> {
    const seq = ++this.countSeq;
    try {
      const count = await this.o.store().outboxCount();
      if (seq !== this.countSeq || this.o.disposed()) return;
      this.stored = count;
      this.o.changed();
    } catch {
      // The database closed (dispose, upgrade): the last known count stays.
    }
  }

  private async flush(): Promise<void> {
    if (this.unsaved.length === 0) return;
    const batch = this.unsaved.slice();
    try {
      await this.o.store().append(batch);
    } catch (err) {
      this.writeError = 'Could not save your change on this device. It is kept in this tab and saved with your next change.';
      this.o.changed();
      throw err;
    }
    this.unsaved.splice(0, batch.length);
    this.writeError = null;
    this.countSeq += 1;
    this.stored += batch.length;
    this.o.changed();
    this.o.saved(batch);
    void this.recount();
  }
}
