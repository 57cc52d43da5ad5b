import 'server-only';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import type { ChangeEvent } from '@/lib/shared/events';
import { logger } from '@/lib/server/platform/log';
import { FanoutBus, type BusStatus } from './fanout';

const CHANNEL = 'passion:changes';

/**
 * Change bus across nodes over Redis pub/sub. Local listeners hear every event at once, also
 * while Redis is down (the app keeps serving; polling covers other nodes); messages coming back
 * from Redis with our own node id are skipped, so nothing is delivered twice.
 */
export class RedisBus extends FanoutBus {
  readonly nodeId = randomUUID();
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly log: (msg: string, err?: unknown) => void;

  // Warn, not error: with Redis away the node keeps serving and other nodes catch up by polling.
  constructor(url: string, log: (msg: string, err?: unknown) => void = (m, e) => logger().warn(e === undefined ? {} : { err: e }, m)) {
    super();
    this.log = log;
    const retryStrategy = (attempt: number) => Math.min(200 * 2 ** Math.min(attempt, 6), 10_000) + Math.floor(Math.random() * 250);
    // No offline queue: a publish while Redis is away fails fast instead of replaying stale nudges later.
    this.pub = new Redis(url, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.sub = new Redis(url, { retryStrategy, maxRetriesPerRequest: null });
    for (const [name, client] of [
      ['publisher', this.pub],
      ['subscriber', this.sub],
    ] as const) {
      client.on('error', (err) => this.log(`redis ${name} error`, err.message));
      client.on('end', () => this.log(`redis ${name} connection ended`));
      client.on('ready', () => this.log(`redis ${name} ready`));
    }
    this.sub.subscribe(CHANNEL).catch((err) => this.log('redis subscribe failed (will retry on reconnect)', err.message));
    this.sub.on('message', (_channel, message: string) => {
      let parsed: { node: string; event: ChangeEvent };
      try {
        parsed = JSON.parse(message);
      } catch {
        return;
      }
      if (parsed.node !== this.nodeId) this.fanout.deliver(parsed.event, false);
    });
  }

  async publish(event: ChangeEvent): Promise<void> {
    this.fanout.deliver(event);
    if (this.pub.status !== 'ready') return;
    try {
      await this.pub.publish(CHANNEL, JSON.stringify({ node: this.nodeId, event }));
    } catch (err) {
      this.log('redis publish failed; other nodes will catch up by polling', (err as Error).message);
    }
  }

  // The publisher: a subscriber connection cannot run other commands. No offline queue, so a
  // command while Redis is away fails at once instead of piling up.
  redis(): Redis {
    return this.pub;
  }

  status(): BusStatus {
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'ok' : 'degraded';
  }

  async close(): Promise<void> {
    this.pub.disconnect();
    this.sub.disconnect();
  }
}
