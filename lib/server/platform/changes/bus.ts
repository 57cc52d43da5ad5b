import 'server-only';
import { processSingleton, replaceSingleton } from '@/lib/server/platform/process';
import type { ChangeEvent } from '@/lib/shared/events';
import { FanoutBus, type BusStatus, type ChangeBus, type ChangeListener } from './fanout';
import { config } from '@/lib/server/platform/config';
import { RedisBus } from './redis-bus';

export class MemoryBus extends FanoutBus {
  async publish(event: ChangeEvent): Promise<void> {
    this.fanout.deliver(event);
  }

  status(): BusStatus {
    return 'ok';
  }
}

/** The process's bus: Redis pub/sub when REDIS_URL is set (several nodes), in-process otherwise. */
export function getBus(): ChangeBus {
  return processSingleton<ChangeBus>('bus', () => {
    const url = config().REDIS_URL;
    return url ? new RedisBus(url) : new MemoryBus();
  });
}

/** Tests swap the bus to observe or fail publishing. */
export function setBusForTests(bus: ChangeBus | undefined): void {
  replaceSingleton('bus', bus);
}

export type { BusStatus, ChangeBus, ChangeListener };
