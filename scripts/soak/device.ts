// What every simulated device shares: its SSE link, a loop of random actions with think time,
// catching up when an event says its data went stale, and the checks the soak ends with.
import type { Scope } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import { SseLink } from './sse';
import { isNetworkError, type Traffic } from './traffic';
import type { SoakUser } from './users';

export type DeviceKind = 'web' | 'oplog' | 'records';

export interface DeviceContext {
  base: string;
  traffic: Traffic;
  /** A scratch folder for client-side files. */
  dir: string;
  /** The planner window web clients watch; events are created inside it. */
  window: { from: number; to: number };
  thinkMs: [number, number];
  /** Chance per action that the device's SSE connection drops for a moment. */
  sseDropRate: number;
}

/** An answer the device did not expect: a 4xx from a client bug, or a 5xx (counted by Traffic too). */
export class UnexpectedStatus extends Error {
  constructor(
    readonly status: number,
    what: string,
    body: string,
  ) {
    super(`${what} → ${status} ${body.slice(0, 200)}`);
  }
}

export async function expectStatus(res: Response, what: string, ...ok: number[]): Promise<Response> {
  if (ok.includes(res.status)) return res;
  throw new UnexpectedStatus(res.status, what, await res.text().catch(() => ''));
}

/** 'all' after a resync: the device cannot know what it missed. */
export type Staleness = Set<Scope | 'all'>;

export abstract class Device {
  readonly sse: SseLink;
  actions = 0;
  networkFailures = 0;
  /** Failures that are neither network errors nor expected answers, with their messages. */
  readonly errors: string[] = [];
  private readonly stale: Staleness = new Set();
  private wake: (() => void) | undefined;
  private stopped = false;

  protected constructor(
    readonly id: string,
    readonly kind: DeviceKind,
    readonly user: SoakUser,
    protected readonly ctx: DeviceContext,
    sseDeviceId: string,
    sseHeaders: Record<string, string>,
  ) {
    const url = `${ctx.base}/api/events?deviceId=${encodeURIComponent(sseDeviceId)}&deviceLabel=${kind}`;
    this.sse = new SseLink(url, sseHeaders, ctx.traffic, (event) => this.onEvent(event));
  }

  /** First contact: register, bootstrap, first fetches. */
  abstract setup(): Promise<void>;
  /** One random edit or poll. */
  protected abstract act(): Promise<void>;
  /** Catches up with what an event (or a resync) said changed. */
  protected abstract refresh(stale: Staleness): Promise<void>;
  /** Convergence, round 1: hand the server everything local. */
  abstract flush(): Promise<void>;
  /** Convergence, round 2: take in everything the server has. */
  abstract catchUp(): Promise<void>;
  /** null when the device's state equals the server's, else what differs. */
  abstract verify(): Promise<string | null>;

  private onEvent(event: SseEvent): void {
    if (event.channel === 'resync') this.stale.add('all');
    for (const scope of event.changedScopes ?? []) this.stale.add(scope);
    this.wake?.();
  }

  /** Random actions until `stop()`; a stale mark cuts the think time short. */
  async run(): Promise<void> {
    this.stopped = false;
    let backingOff = false;
    while (!this.stopped) {
      const [min, max] = this.ctx.thinkMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, min + Math.random() * (max - min));
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
        // After a failure the device waits its think time even when stale (the server may be down).
        if ((this.stale.size > 0 && !backingOff) || this.stopped) this.wake();
      });
      backingOff = false;
      this.wake = undefined;
      if (this.stopped) break;
      if (Math.random() < this.ctx.sseDropRate) this.sse.drop(200 + Math.random() * 2_000);
      const stale = new Set(this.stale);
      this.stale.clear();
      try {
        this.actions += 1;
        if (stale.size > 0) await this.refresh(stale);
        else await this.act();
      } catch (err) {
        for (const scope of stale) this.stale.add(scope);
        backingOff = true;
        this.failed(err);
      }
    }
  }

  stop(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** The device goes away for good: its stream closes, its local files are let go. */
  leave(): void {
    this.sse.close();
  }

  protected failed(err: unknown): void {
    if (isNetworkError(err)) this.networkFailures += 1;
    // A 5xx is already counted, with its body, by Traffic.
    else if (((err as { status?: number }).status ?? 0) < 500) this.errors.push(`${this.kind} ${this.id}: ${(err as Error).message}`);
  }

  protected pick<T>(items: readonly T[]): T {
    return items[Math.floor(Math.random() * items.length)];
  }
}
