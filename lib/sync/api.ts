import { toApiError } from './conditional-fetch';
import { REQUEST_TIMEOUT_MS, withDeadline } from './deadline';

/**
 * Sends a JSON mutation to our API with this browser's device id; throws ApiError on 4xx/5xx and a
 * TimeoutError when no answer comes in time (the optimistic change rolls back; the next refresh
 * shows whether the server applied it after all).
 */
export function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, deviceId: string, body?: unknown): Promise<T> {
  return withDeadline(REQUEST_TIMEOUT_MS, url, undefined, async (signal) => {
    const res = await fetch(url, {
      method,
      headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Device-Id': deviceId },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
      signal,
    });
    if (!res.ok) throw await toApiError(res);
    return (await res.json()) as T;
  });
}
