import 'server-only';
import type { PushEnvironment } from '@/lib/shared/schemas/device-tokens';
import { logger } from '@/lib/server/platform/log';
import type { ApnsAnswer, ApnsClient } from './apns';
import { systemClock, type PushClock } from './clock';
import { pushTokens, type ActiveDeviceToken, type PushRecord } from './tokens';
import { pushMetrics, type PushMetrics, type PushOutcome } from './metrics';
import { encodePayload, MAX_PAYLOAD_BYTES, type SilentPayload } from './payload';

/** A silent push only says "sync now": after an hour a newer one has superseded it or the app opened. */
const EXPIRATION_S = 3600;
/** One try and three retries; a token still failing after that waits for the next change. */
const MAX_ATTEMPTS = 4;
const MAX_UNAVAILABLE_BACKOFF_MS = 60 * 60_000;

export interface PushSenderOptions {
  client: Pick<ApnsClient, 'send' | 'topicFor'>;
  /** Delay before a token answered 429 (or a push lost without an answer) is tried again. */
  retryMs: number;
  /** First pause of an environment after a 5xx; doubles while APNs keeps failing. */
  unavailableBackoffMs: number;
  clock?: PushClock;
  metrics?: PushMetrics;
}

interface Verdict {
  outcome: PushOutcome;
  error: string | null;
  disable?: PushRecord['disable'];
  /** Try this token again at this time. */
  retryAt?: number;
}

interface Pending {
  target: ActiveDeviceToken;
  body: string;
  attempt: number;
  timer: unknown;
}

/**
 * Sends silent pushes to tokens and turns APNs' answers into token state (seed 000 §3):
 * dead tokens disabled, 429s retried later, 5xx pausing the whole environment with backoff,
 * every outcome written on the token row and counted in `pushMetrics`.
 */
export class PushSender {
  private readonly clock: PushClock;
  private readonly metrics: PushMetrics;
  /** Per token id: a retry scheduled after a 429, a lost push or a paused environment. */
  private readonly pending = new Map<string, Pending>();
  private readonly environments = new Map<PushEnvironment, { until: number; backoffMs: number }>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = false;

  constructor(private readonly o: PushSenderOptions) {
    this.clock = o.clock ?? systemClock;
    this.metrics = o.metrics ?? pushMetrics;
  }

  /** Pushes one payload to the user's tokens and records every outcome in one write. */
  async push(userId: string, targets: readonly ActiveDeviceToken[], payload: SilentPayload): Promise<void> {
    const body = encodePayload(payload);
    const records =
      body === null
        ? targets.map((t) => this.record(t, this.clock.now(), false, { outcome: 'payload_too_large', error: `The payload is over ${MAX_PAYLOAD_BYTES} bytes` }))
        : await Promise.all(targets.map((t) => this.attempt(t, body, 1)));
    await pushTokens().recordOutcomes(
      userId,
      records.filter((r): r is PushRecord => r !== null),
    );
  }

  /** Resolves when no push or retry started so far is still running (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
  }

  stop(): void {
    this.stopped = true;
    for (const p of this.pending.values()) this.clock.clearTimeout(p.timer);
    this.pending.clear();
  }

  private async attempt(target: ActiveDeviceToken, body: string, attempt: number): Promise<PushRecord | null> {
    const waiting = this.pending.get(target.id);
    if (waiting) {
      // The token already waits for a retry: it will carry these newer hints instead.
      waiting.body = body;
      this.metrics.deferred += 1;
      return null;
    }
    const pausedUntil = this.pausedUntil(target.environment);
    if (pausedUntil !== null) {
      this.schedule(target, body, attempt, pausedUntil);
      this.metrics.deferred += 1;
      return null;
    }
    const at = this.clock.now();
    if (!this.o.client.topicFor(target.environment)) {
      return this.record(target, at, false, { outcome: 'no_topic', error: `No bundle ID is configured for ${target.environment}` });
    }
    let verdict: Verdict;
    try {
      const answer = await this.o.client.send({
        token: target.token,
        environment: target.environment,
        payload: body,
        expiration: Math.floor(at / 1000) + EXPIRATION_S,
      });
      verdict = this.judge(answer, target, at);
    } catch (err) {
      verdict = { outcome: 'network_error', error: (err as Error).message, retryAt: this.clock.now() + this.o.retryMs };
    }
    if (verdict.retryAt !== undefined) {
      if (attempt < MAX_ATTEMPTS) this.schedule(target, body, attempt + 1, verdict.retryAt);
      else this.metrics.dropped += 1;
    }
    return this.record(target, at, true, verdict);
  }

  /** APNs' answer as token state: https://developer.apple.com/documentation/usernotifications/handling-notification-responses-from-apns */
  private judge(a: ApnsAnswer, target: ActiveDeviceToken, at: number): Verdict {
    const error = a.status === 200 ? null : `${a.status}${a.reason ? ` ${a.reason}` : ''}`;
    if (a.status >= 500) return { outcome: 'unavailable', error, retryAt: this.pause(target.environment) };
    this.recovered(target.environment);
    // A token registered again after the push went out is a new registration: the verdict is not about it.
    const sentWith = at + 1;
    if (a.status === 200) return { outcome: 'ok', error };
    if (a.status === 400 && a.reason === 'BadDeviceToken')
      return { outcome: 'bad_device_token', error, disable: { reason: a.reason, registeredBefore: sentWith } };
    if (a.status === 400 && a.reason === 'DeviceTokenNotForTopic')
      return { outcome: 'device_token_not_for_topic', error, disable: { reason: a.reason, registeredBefore: sentWith } };
    if (a.status === 410) {
      // APNs' timestamp says when the token stopped being valid; a registration after it is a live token.
      const invalidSince = a.timestamp ?? sentWith;
      if (target.registeredAt >= invalidSince) return { outcome: 'unregistered_stale', error };
      return { outcome: 'unregistered', error, disable: { reason: a.reason ?? 'Unregistered', registeredBefore: invalidSince } };
    }
    if (a.status === 403 && a.reason === 'ExpiredProviderToken') return { outcome: 'expired_provider_token', error };
    if (a.status === 429) return { outcome: 'rate_limited', error, retryAt: this.clock.now() + this.o.retryMs };
    return { outcome: 'rejected', error };
  }

  private record(target: ActiveDeviceToken, at: number, attempted: boolean, v: Verdict): PushRecord {
    this.metrics.byOutcome[v.outcome] += 1;
    return { tokenId: target.id, outcome: v.outcome, error: v.error, at, attempted, disable: v.disable };
  }

  private pausedUntil(environment: PushEnvironment): number | null {
    const state = this.environments.get(environment);
    return state && this.clock.now() < state.until ? state.until : null;
  }

  /** Pauses the environment (once per failure episode, however many pushes saw the 5xx); returns its end. */
  private pause(environment: PushEnvironment): number {
    const now = this.clock.now();
    const state = this.environments.get(environment);
    if (state && now < state.until) return state.until;
    const backoffMs = state ? Math.min(state.backoffMs * 2, MAX_UNAVAILABLE_BACKOFF_MS) : this.o.unavailableBackoffMs;
    this.environments.set(environment, { until: now + backoffMs, backoffMs });
    return now + backoffMs;
  }

  private recovered(environment: PushEnvironment): void {
    if (this.pausedUntil(environment) === null) this.environments.delete(environment);
  }

  private schedule(target: ActiveDeviceToken, body: string, attempt: number, at: number): void {
    const waiting = this.pending.get(target.id);
    if (waiting) {
      waiting.body = body;
      return;
    }
    const timer = this.clock.setTimeout(() => this.retry(target.id), Math.max(0, at - this.clock.now()));
    this.pending.set(target.id, { target, body, attempt, timer });
  }

  private retry(tokenId: string): void {
    const p = this.pending.get(tokenId);
    this.pending.delete(tokenId);
    if (!p || this.stopped) return;
    this.track(
      (async () => {
        // The token may have been disabled, or moved to another user, while it waited.
        const current = (await pushTokens().listActive(p.target.userId)).find((t) => t.id === tokenId && t.token === p.target.token);
        if (!current) return;
        const record = await this.attempt(current, p.body, p.attempt);
        if (record) await pushTokens().recordOutcomes(current.userId, [record]);
      })(),
      'retrying a silent push',
    );
  }

  /** Runs `work` fire-and-forget: errors are logged, `settled()` waits for it. */
  track(work: Promise<void>, what: string): void {
    const run = work.catch((err) => logger().error({ err }, `${what} failed`));
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }
}
