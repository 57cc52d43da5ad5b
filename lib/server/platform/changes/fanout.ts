import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import type Redis from 'ioredis';
import type { ChangeEvent } from '@/lib/shared/events';
import { logger } from '@/lib/server/platform/log';

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
  /** The Redis connection for plain commands when the bus runs over Redis (the presence store shares it). */
  redis?(): Redis;
}

/** Change events published on this node (every bus hands them to `deliver` with fromThisNode), for /api/metrics. */
export const busStats = () => processSingleton('bus-stats', () => ({ published: 0 }));

/** Delivers to local listeners; a listener that throws never stops the others. */
export class LocalFanout {
  private readonly byUser = new Map<string, Set<ChangeListener>>();
  private readonly all = new Set<ChangeListener>();
  private readonly local = new Set<ChangeListener>();

  /** `fromThisNode` is false for events that arrived from another node. */
  deliver(event: ChangeEvent, fromThisNode = true): void {
    if (fromThisNode) busStats().published += 1;
    const listeners = [...(this.byUser.get(event.userId) ?? []), ...this.all, ...(fromThisNode ? this.local : [])];
    for (const fn of listeners) {
      try {
        fn(event);
      } catch (err) {
        logger().error({ err, userId: event.userId, scope: event.scope }, 'change listener failed');
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

/** A bus whose listeners on this node are a LocalFanout: what publishing does is the subclass's. */
export abstract class FanoutBus implements ChangeBus {
  protected readonly fanout = new LocalFanout();

  abstract publish(event: ChangeEvent): Promise<void>;
  abstract status(): BusStatus;

  subscribe(userId: string, listener: ChangeListener): () => void {
    return this.fanout.subscribe(userId, listener);
  }

  subscribeAll(listener: ChangeListener): () => void {
    return this.fanout.subscribeAll(listener);
  }

  subscribeLocal(listener: ChangeListener): () => void {
    return this.fanout.subscribeLocal(listener);
  }
}
