import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import { changeFeed } from '@/lib/server/platform/changes';
import { config } from '@/lib/server/platform/config';
import { logger } from '@/lib/server/platform/log';
import type { PresenceSink } from './hub';

/** The label of a stream whose client named no device (never shown as a timer's deviceName). */
export const UNKNOWN_DEVICE_LABEL = 'Unknown device';

/** Other nodes' connected devices; null on a single node, where this node's own are all there are. */
export interface PresenceRemote {
  put(entries: [userId: string, devices: ConnectedDevice[]][], expiresAt: number): Promise<void>;
  remove(userId: string, deviceId: string): Promise<void>;
  list(userId: string, now: number): Promise<ConnectedDevice[]>;
}

const keyOf = (userId: string) => `passion:presence:${userId}`;

// Deletes the field only if this node wrote it: a device that moved to another node stays listed.
const REMOVE_OWN = `local v = redis.call('HGET', KEYS[1], ARGV[1])
if v and cjson.decode(v).node == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0`;

/**
 * A Redis hash per user: deviceId → {label, connectedAt, expiresAt, node}. Every node rewrites its
 * devices on each heartbeat and deletes them on disconnect; readers skip expired fields, so a
 * crashed node's devices vanish within two heartbeats. The key itself expires as a whole when idle.
 */
export class RedisPresence implements PresenceRemote {
  constructor(
    private readonly redis: Redis,
    private readonly nodeId: string,
  ) {}

  async put(entries: [string, ConnectedDevice[]][], expiresAt: number): Promise<void> {
    if (entries.length === 0) return;
    const ttl = Math.max(1, expiresAt - Date.now());
    const pipeline = this.redis.pipeline();
    for (const [userId, devices] of entries) {
      const fields = Object.fromEntries(
        devices.map((d) => [d.deviceId, JSON.stringify({ label: d.label, connectedAt: d.connectedAt, expiresAt, node: this.nodeId })]),
      );
      pipeline.hset(keyOf(userId), fields).pexpire(keyOf(userId), ttl);
    }
    const results = await pipeline.exec();
    const failed = results?.find(([err]) => err)?.[0];
    if (failed) throw failed;
  }

  async remove(userId: string, deviceId: string): Promise<void> {
    await this.redis.eval(REMOVE_OWN, 1, keyOf(userId), deviceId, this.nodeId);
  }

  async list(userId: string, now: number): Promise<ConnectedDevice[]> {
    const fields = await this.redis.hgetall(keyOf(userId));
    const live: ConnectedDevice[] = [];
    const expired: string[] = [];
    for (const [deviceId, raw] of Object.entries(fields)) {
      let entry: { label?: unknown; connectedAt?: unknown; expiresAt?: unknown };
      try {
        entry = JSON.parse(raw);
      } catch {
        entry = {};
      }
      if (typeof entry.expiresAt === 'number' && entry.expiresAt > now && typeof entry.label === 'string' && typeof entry.connectedAt === 'number') {
        live.push({ deviceId, label: entry.label, connectedAt: entry.connectedAt });
      } else expired.push(deviceId);
    }
    if (expired.length) this.redis.hdel(keyOf(userId), ...expired).catch(() => {});
    return live;
  }
}

/**
 * Which devices of a user hold a realtime stream, on any node. The hub tells it about this node's
 * connections; with Redis it shares them with the other nodes. Reads always include this node's own
 * devices, so a Redis outage only hides other nodes' devices (polling-grade degradation, logged once).
 */
export class Presence implements PresenceSink {
  private readonly local = new Map<string, Map<string, ConnectedDevice>>();
  private failing = false;

  constructor(private readonly o: { remote: PresenceRemote | null; ttlMs: number }) {}

  join(userId: string, deviceId: string, label: string): void {
    let devices = this.local.get(userId);
    if (!devices) this.local.set(userId, (devices = new Map()));
    if (devices.has(deviceId)) return;
    const device = { deviceId, label, connectedAt: Date.now() };
    devices.set(deviceId, device);
    this.track(this.o.remote?.put([[userId, [device]]], Date.now() + this.o.ttlMs));
  }

  leave(userId: string, deviceId: string): void {
    const devices = this.local.get(userId);
    if (!devices?.delete(deviceId)) return;
    if (devices.size === 0) this.local.delete(userId);
    this.track(this.o.remote?.remove(userId, deviceId));
  }

  refresh(): void {
    // On a single node nobody reads them: no list of every device on every heartbeat.
    if (!this.o.remote) return;
    const entries = [...this.local].map(([userId, devices]): [string, ConnectedDevice[]] => [userId, [...devices.values()]]);
    this.track(this.o.remote?.put(entries, Date.now() + this.o.ttlMs));
  }

  /** The user's connected devices on every node, oldest connection first. */
  async devices(userId: string): Promise<ConnectedDevice[]> {
    const byId = new Map<string, ConnectedDevice>();
    if (this.o.remote) {
      try {
        for (const d of await this.o.remote.list(userId, Date.now())) byId.set(d.deviceId, d);
      } catch (err) {
        this.report(err);
      }
    }
    for (const d of this.local.get(userId)?.values() ?? []) byId.set(d.deviceId, d);
    return [...byId.values()].sort((a, b) => a.connectedAt - b.connectedAt || a.deviceId.localeCompare(b.deviceId));
  }

  /**
   * Changes when the user's connected devices may have: at once for this node's, and — since other
   * nodes' cannot be read synchronously — every refresh interval when other nodes exist.
   */
  freshnessKey(userId: string, now = Date.now()): string {
    const mine = [...(this.local.get(userId)?.keys() ?? [])].sort().join(',');
    return this.o.remote ? `${Math.floor(now / (this.o.ttlMs / 2))}|${mine}` : mine;
  }

  private track(work: Promise<void> | undefined): void {
    work?.then(
      () => {
        if (this.failing) logger().info('presence store reachable again');
        this.failing = false;
      },
      (err) => this.report(err),
    );
  }

  private report(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    logger().warn({ err: (err as Error).message }, 'presence store unreachable; listing this node’s devices only');
  }
}

const slot = processSingleton('presence', (): { presence?: Presence } => ({}));

/** This process's presence store: shared through Redis when the bus runs over Redis. */
export function getPresence(): Presence {
  if (slot.presence) return slot.presence;
  const redis = changeFeed().redis?.();
  // A device is listed while its node keeps refreshing it: two heartbeats of grace.
  const ttlMs = 2 * config().SSE_HEARTBEAT_MS;
  slot.presence = new Presence({ remote: redis ? new RedisPresence(redis, randomUUID()) : null, ttlMs });
  return slot.presence;
}

export function resetPresenceForTests(): void {
  slot.presence = undefined;
}
