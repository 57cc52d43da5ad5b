import { toApiError } from './conditional-fetch';

/** Sends a JSON mutation to our API with this browser's device id; throws ApiError on 4xx/5xx. */
export async function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, deviceId: string, body?: unknown): Promise<T> {
  const res = await fetch(url, {
    method,
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'X-Device-Id': deviceId },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
  });
  if (!res.ok) throw await toApiError(res);
  return (await res.json()) as T;
}
