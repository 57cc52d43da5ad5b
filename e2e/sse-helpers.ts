import { expect, type APIRequestContext } from '@playwright/test';
import { EventSource } from 'eventsource';
import type { SseEvent } from '../lib/shared/realtime';
import { acceptTerms, logIn, newUser, signUp, type E2EUser } from './fixtures';

export interface ApiUser extends E2EUser {
  id: string;
  cookie: string;
}

/** A signed-in user for API tests: the session cookie as a header string. */
export async function apiUser(request: APIRequestContext, prefix: string): Promise<ApiUser> {
  const user = newUser(prefix);
  const id = await signUp(request, user);
  await logIn(request, user);
  await acceptTerms(request);
  const state = await request.storageState();
  const cookie = state.cookies
    .filter((c) => c.name.includes('next-auth'))
    .map((c) => `${c.name}=${c.value}`)
    .join('; ');
  return { ...user, id, cookie };
}

export interface Listener {
  events: SseEvent[];
  opened: Promise<void>;
  status: () => number | undefined;
  /** EventSource.CONNECTING, OPEN or CLOSED (given up: the server refused a reconnect). */
  readyState: () => number;
  close: () => void;
}

/** An `eventsource` client on /api/events that records every event it receives. */
export function listen(
  baseURL: string,
  cookie: string | null,
  deviceId: string,
  opts: { lastEventId?: string; headers?: Record<string, string> } = {},
): Listener {
  const events: SseEvent[] = [];
  let status: number | undefined;
  const url = new URL(`/api/events?deviceId=${deviceId}&deviceLabel=Test%20${deviceId}`, baseURL);
  const source = new EventSource(url, {
    fetch: async (input, init) => {
      const headers = new Headers(init?.headers as HeadersInit);
      if (cookie) headers.set('cookie', cookie);
      if (opts.lastEventId) headers.set('last-event-id', opts.lastEventId);
      for (const [name, value] of Object.entries(opts.headers ?? {})) headers.set(name, value);
      const res = await fetch(input, { ...init, headers });
      status = res.status;
      return res;
    },
  });
  const opened = new Promise<void>((resolve, reject) => {
    source.onopen = () => resolve();
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED) reject(new Error(`stream closed (status ${status})`));
    };
  });
  opened.catch(() => {});
  source.onmessage = (e) => events.push(JSON.parse(e.data) as SseEvent);
  return { events, opened, status: () => status, readyState: () => source.readyState, close: () => source.close() };
}

/** A new API key of the signed-in user (keys are made from a browser session). */
export async function createApiKey(request: APIRequestContext, baseURL: string, cookie: string, label = 'e2e key'): Promise<{ key: string; id: string }> {
  const res = await request.post('/api/api-keys', { data: { label }, headers: { cookie, origin: baseURL } });
  expect(res.status()).toBe(201);
  const { key, apiKey } = await res.json();
  return { key, id: apiKey.id };
}

export const bearer = (key: string) => ({ authorization: `Bearer ${key}` });

export async function patchMe(request: APIRequestContext, baseURL: string, cookie: string, deviceId: string, name: string) {
  const res = await request.patch('/api/me', { data: { name }, headers: { cookie, 'x-device-id': deviceId, origin: baseURL } });
  expect(res.status()).toBe(200);
}

export async function connections(request: APIRequestContext, cookie: string): Promise<number> {
  const res = await request.get('/api/realtime/devices', { headers: { cookie } });
  return (await res.json()).connections;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
