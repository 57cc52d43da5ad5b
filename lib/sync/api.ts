import { toApiError } from './conditional-fetch';
import { REQUEST_TIMEOUT_MS, withDeadline } from './deadline';
import { holdPageUntil } from './leave-guard';
import type { Outbox } from './outbox';

type Method = 'POST' | 'PATCH' | 'PUT' | 'DELETE';

// The signed-in user's outbox in this tab (OutboxProvider sets it): writes go through it, so a
// write that cannot be sent now is kept and sent later instead of lost.
let outbox: Outbox | null = null;

export function setCurrentOutbox(next: Outbox | null): void {
  outbox = next;
}

/** One key per write, sent with every attempt of it (decision 042). */
export const newIdempotencyKey = () => crypto.randomUUID();

export interface SendOptions {
  /**
   * false: fail instead of keeping the write for later, for a write whose meaning depends on when it
   * arrives (the focus timer's start, pause and stop).
   */
  keepOffline?: boolean;
}

/**
 * Sends a JSON mutation to our API with this browser's device id and an Idempotency-Key; throws
 * ApiError on 4xx/5xx, a TimeoutError when no answer comes in time, and QueuedOffline (outbox.ts)
 * when the write was kept on this device to be sent later — the optimistic change then stays.
 * Until it is answered or kept, leaving the page asks first (leave-guard.ts).
 */
export function sendJson<T>(method: Method, url: string, deviceId: string, body?: unknown, { keepOffline = true }: SendOptions = {}): Promise<T> {
  const key = newIdempotencyKey();
  if (outbox && keepOffline) return holdPageUntil(outbox.send<T>({ key, method, url, body, deviceId }));
  return holdPageUntil(send<T>(method, url, deviceId, key, body));
}

function send<T>(method: Method, url: string, deviceId: string, key: string, body: unknown): Promise<T> {
  return withDeadline(REQUEST_TIMEOUT_MS, url, undefined, async (signal) => {
    const res = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Device-Id': deviceId, 'Idempotency-Key': key },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      signal,
    });
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as T;
  });
}
