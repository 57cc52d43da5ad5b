import 'server-only';
import { config } from '@/lib/server/platform/config';
import { processSingleton } from '@/lib/server/platform/process';
import type { ConnectedDevice, SseEvent } from '@/lib/shared/realtime';
import type { StreamCredential } from './revocation';

export interface ConnectionSink {
  /** Writes one raw SSE chunk; returns false when the stream is gone. */
  write(chunk: string): boolean;
  close(): void;
}

export interface Connection {
  readonly id: number;
  readonly userId: string;
  readonly deviceId: string;
  readonly label: string;
  readonly sessionId: string | null;
  readonly apiKeyId: string | null;
  readonly connectedAt: number;
  closed: boolean;
  sink: ConnectionSink;
  expiry: ReturnType<typeof setTimeout> | null;
}

export interface ConnectInput {
  userId: string;
  deviceId: string;
  label: string;
  sessionId: string | null;
  apiKeyId?: string | null;
  expiresAt: number | null;
  lastEventId: string | null;
  sink: ConnectionSink;
}

/** Who else should know which devices are connected (the presence store). */
export interface PresenceSink {
  join(userId: string, deviceId: string, label: string): void;
  leave(userId: string, deviceId: string): void;
  /** Called on every heartbeat: this node's devices are still connected. */
  refresh(): void;
}

interface UserState {
  connections: Set<Connection>;
  /** Tells this state's event ids from those of an earlier state of the same user (dropped when idle). */
  generation: string;
  seq: number;
  /** The last events sent to this user, for Last-Event-ID replay after a short disconnect. */
  ring: SseEvent[];
}

export interface HubOptions {
  nodeId: string;
  heartbeatMs?: number;
  ringSize?: number;
  ringMaxAgeMs?: number;
  retryMs?: number;
  /** Most streams one user holds on this node (default SSE_MAX_STREAMS_PER_USER): a new one beyond it closes their oldest (decision 026). */
  maxStreamsPerUser?: number;
  presence?: PresenceSink;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

const seqOf = (e: SseEvent) => Number(e.id.split(':')[2]);

const encodeEvent = (e: SseEvent) => `id: ${e.id}\ndata: ${JSON.stringify(e)}\n\n`;

/** Events written to a connection (one per receiving stream), for /api/metrics. */
export const sseStats = () => processSingleton('sse-stats', () => ({ eventsSent: 0 }));

/** Whether the connection stands on the ended credential (every one of the user's does on `user`). */
function matches(conn: Connection, credential: StreamCredential): boolean {
  if (credential.kind === 'user') return true;
  const held = { session: conn.sessionId, apiKey: conn.apiKeyId, device: conn.deviceId }[credential.kind];
  return held === credential.id;
}

/**
 * Every SSE connection of this node, per user and device (seed 003's sseHub). Event ids are
 * `<node>:<generation>:<seq>`, increasing per user: the generation changes whenever the user's state
 * is dropped and made again (the seq restarts), so an id from before can never match a new one.
 * A Last-Event-ID this node cannot replay gets one `resync`.
 */
export class SseHub {
  private readonly users = new Map<string, UserState>();
  private nextId = 1;
  private lastGeneration = 0;
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly ringSize: number;
  private readonly ringMaxAgeMs: number;
  private readonly retryMs: number;
  private readonly maxStreamsPerUser: number;
  private readonly listeners = new Set<(userId: string) => void>();

  constructor(private readonly o: HubOptions) {
    this.ringSize = o.ringSize ?? 100;
    this.ringMaxAgeMs = o.ringMaxAgeMs ?? 5 * 60_000;
    this.retryMs = o.retryMs ?? 3000;
    this.maxStreamsPerUser = o.maxStreamsPerUser ?? config().SSE_MAX_STREAMS_PER_USER;
    // One timer for every connection: a comment line keeps proxies and the browser from timing out.
    this.heartbeat = setInterval(() => this.beat(), o.heartbeatMs ?? 15_000);
    this.heartbeat.unref?.();
  }

  connect(input: ConnectInput): Connection {
    const user = this.user(input.userId);
    const conn: Connection = {
      id: this.nextId++,
      userId: input.userId,
      deviceId: input.deviceId,
      label: input.label,
      sessionId: input.sessionId,
      apiKeyId: input.apiKeyId ?? null,
      connectedAt: Date.now(),
      closed: false,
      sink: input.sink,
      expiry: null,
    };
    user.connections.add(conn);
    this.o.presence?.join(conn.userId, conn.deviceId, conn.label);
    // A Set keeps insertion order: the first is the oldest, most likely a tab that is gone (decision 026).
    for (const oldest of user.connections) {
      if (user.connections.size <= this.maxStreamsPerUser) break;
      this.disconnect(oldest);
    }
    if (input.expiresAt !== null) this.closeAt(conn, input.expiresAt);
    conn.sink.write(`retry: ${this.retryMs}\n: connected\n\n`);
    if (input.lastEventId) this.replay(conn, user, input.lastEventId);
    this.notify(input.userId);
    return conn;
  }

  /** Closes the stream when its credential expires; timers cap at ~24.8 days, so long waits re-arm. */
  private closeAt(conn: Connection, expiresAt: number): void {
    const wait = expiresAt - Date.now();
    if (wait <= 0) {
      this.disconnect(conn);
      return;
    }
    conn.expiry = setTimeout(() => this.closeAt(conn, expiresAt), Math.min(wait, MAX_TIMER_MS));
    conn.expiry.unref?.();
  }

  /** Removes a connection; safe to call any number of times (abort and cancel both call it). */
  disconnect(conn: Connection): void {
    if (conn.closed) return;
    conn.closed = true;
    if (conn.expiry) clearTimeout(conn.expiry);
    const user = this.users.get(conn.userId);
    user?.connections.delete(conn);
    if (user && user.connections.size === 0 && user.ring.length === 0) this.users.delete(conn.userId);
    if (![...(user?.connections ?? [])].some((c) => c.deviceId === conn.deviceId)) this.o.presence?.leave(conn.userId, conn.deviceId);
    try {
      conn.sink.close();
    } catch {
      // Already closed by the client.
    }
    this.notify(conn.userId);
  }

  /** Sends to every connection of the user except those of `excludeDeviceId`. */
  broadcast(userId: string, event: Omit<SseEvent, 'id'>, excludeDeviceId?: string | null): SseEvent {
    const user = this.user(userId);
    const full = this.record(user, event);
    // Encoded once for every receiving stream, not once per stream.
    const chunk = encodeEvent(full);
    for (const conn of [...user.connections]) {
      if (excludeDeviceId && conn.deviceId === excludeDeviceId) continue;
      this.send(conn, chunk);
    }
    return full;
  }

  sendToDevice(userId: string, deviceId: string, event: Omit<SseEvent, 'id'>): void {
    const user = this.user(userId);
    const chunk = encodeEvent(this.record(user, event));
    for (const conn of [...user.connections]) if (conn.deviceId === deviceId) this.send(conn, chunk);
  }

  /** Closes the user's streams opened with a credential that has ended (sign-out, revoked key, removed device, disabled account). */
  end(userId: string, credential: StreamCredential): void {
    for (const conn of [...(this.users.get(userId)?.connections ?? [])]) if (matches(conn, credential)) this.disconnect(conn);
  }

  connectionCount(userId?: string): number {
    if (userId) return this.users.get(userId)?.connections.size ?? 0;
    let n = 0;
    for (const u of this.users.values()) n += u.connections.size;
    return n;
  }

  devices(userId: string): ConnectedDevice[] {
    const byDevice = new Map<string, ConnectedDevice>();
    for (const c of this.users.get(userId)?.connections ?? []) {
      if (!byDevice.has(c.deviceId)) byDevice.set(c.deviceId, { deviceId: c.deviceId, label: c.label, connectedAt: c.connectedAt });
    }
    return [...byDevice.values()];
  }

  /** Called with the user id whenever that user's connections change. */
  onConnectionsChange(fn: (userId: string) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const u of this.users.values()) for (const c of [...u.connections]) this.disconnect(c);
  }

  private notify(userId: string): void {
    this.listeners.forEach((fn) => fn(userId));
  }

  private user(userId: string): UserState {
    let u = this.users.get(userId);
    if (!u) {
      // Creation time, made unique: ids stay distinct across hub states even within one millisecond.
      this.lastGeneration = Math.max(Date.now(), this.lastGeneration + 1);
      this.users.set(userId, (u = { connections: new Set(), generation: this.lastGeneration.toString(36), seq: 0, ring: [] }));
    }
    return u;
  }

  private record(user: UserState, event: Omit<SseEvent, 'id'>): SseEvent {
    user.seq += 1;
    const full = { ...event, id: `${this.o.nodeId}:${user.generation}:${user.seq}` } as SseEvent;
    user.ring.push(full);
    const cutoff = Date.now() - this.ringMaxAgeMs;
    while (user.ring.length > this.ringSize || (user.ring.length && Date.parse(user.ring[0].timestamp) < cutoff)) user.ring.shift();
    return full;
  }

  private send(conn: Connection, chunk: string): void {
    if (conn.sink.write(chunk)) sseStats().eventsSent += 1;
    else this.disconnect(conn);
  }

  private replay(conn: Connection, user: UserState, lastEventId: string): void {
    const parts = lastEventId.split(':');
    const seq = Number(parts[2]);
    const oldest = user.ring[0] ? seqOf(user.ring[0]) : user.seq + 1;
    const replayable =
      parts.length === 3 && parts[0] === this.o.nodeId && parts[1] === user.generation && Number.isInteger(seq) && seq <= user.seq && seq >= oldest - 1;
    if (!replayable) {
      // Unknown, too old, from an earlier state of this user or from another node: the client must refetch — never silence.
      this.send(
        conn,
        encodeEvent(
          this.record(user, {
            channel: 'resync',
            type: 'resync',
            payload: { reason: 'cannot_replay' },
            sourceDeviceId: null,
            timestamp: new Date().toISOString(),
            changedScopes: [],
          }),
        ),
      );
      return;
    }
    for (const e of user.ring) if (seqOf(e) > seq && e.sourceDeviceId !== conn.deviceId) this.send(conn, encodeEvent(e));
  }

  private beat(): void {
    const cutoff = Date.now() - this.ringMaxAgeMs;
    for (const [userId, u] of this.users) {
      for (const c of [...u.connections]) if (!c.sink.write(': hb\n\n')) this.disconnect(c);
      const newest = u.ring[u.ring.length - 1];
      if (u.connections.size === 0 && (!newest || Date.parse(newest.timestamp) < cutoff)) this.users.delete(userId);
    }
    this.o.presence?.refresh();
  }
}
