import 'server-only';
import type { ChangeEvent } from '@/lib/shared/events';

export type ChangeListener = (event: ChangeEvent) => void;
export type BusStatus = 'ok' | 'degraded';

export interface ChangeBus {
  publish(event: ChangeEvent): Promise<void>;
  /** Listens to one user's events; returns the unsubscribe. */
  subscribe(userId: string, listener: ChangeListener): () => void;
  /** Listens to every user's events from every node (the SSE hub does). */
  subscribeAll(listener: ChangeListener): () => void;
  /** Listens to the events published on this node only (work that one node must do once: pushes). */
  subscribeLocal(listener: ChangeListener): () => void;
  status(): BusStatus;
}

/** Delivers to local listeners; a listener that throws never stops the others. */
export class LocalFanout {
  private readonly byUser = new Map<string, Set<ChangeListener>>();
  private readonly all = new Set<ChangeListener>();
  private readonly local = new Set<ChangeListener>();

  /** `fromThisNode` is false for events that arrived from another node. */
  deliver(event: ChangeEvent, fromThisNode = true): void {
    const listeners = [...(this.byUser.get(event.userId) ?? []), ...this.all, ...(fromThisNode ? this.local : [])];
    for (const fn of listeners) {
      try {
        fn(event);
      } catch (err) {
        console.error('change listener failed', err);
      }
    }
  }

  subscribe(userId: string, listener: ChangeListener): () => void {
    let set = this.byUser.get(userId);
    if (!set) this.byUser.set(userId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.byUser.get(userId) === set) this.byUser.delete(userId);
    };
  }

  subscribeAll(listener: ChangeListener): () => void {
    this.all.add(listener);
    return () => this.all.delete(listener);
  }

  subscribeLocal(listener: ChangeListener): () => void {
    this.local.add(listener);
    return () => this.local.delete(listener);
  }
}

