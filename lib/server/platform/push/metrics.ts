import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';

/** What a push to one token came to; the token row's `last_outcome` holds the same word. */
export const PUSH_OUTCOMES = [
  'ok',
  'bad_device_token',
  'device_token_not_for_topic',
  'unregistered',
  /** 410, but the token was registered again after APNs' timestamp: kept. */
  'unregistered_stale',
  'expired_provider_token',
  'rate_limited',
  'unavailable',
  'network_error',
  'payload_too_large',
  'no_topic',
  'rejected',
] as const;
export type PushOutcome = (typeof PUSH_OUTCOMES)[number];

export interface PushMetrics {
  byOutcome: Record<PushOutcome, number>;
  /** Pushes held back while a token waits out a 429 or its environment a 5xx (sent later, merged). */
  deferred: number;
  /** Retries given up after too many attempts. */
  dropped: number;
}

/** In-memory counters of this process's pushes, for /api/metrics. */
export const pushMetrics: PushMetrics = processSingleton('push-metrics', () => ({
  byOutcome: Object.fromEntries(PUSH_OUTCOMES.map((o) => [o, 0])) as Record<PushOutcome, number>,
  deferred: 0,
  dropped: 0,
}));
