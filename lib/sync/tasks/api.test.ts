import { afterEach, describe, expect, it, vi } from 'vitest';
import { NetworkError, TasksApi } from './api';

afterEach(() => {
  vi.useRealTimers();
});

/** Answers with headers at once but never finishes the body, like a connection that died mid-response. */
const stalledBody = (async () =>
  new Response(new ReadableStream({ start: (c) => c.enqueue(new TextEncoder().encode('{"ops":[')) }), {
    status: 200,
    headers: { 'content-type': 'application/json' },
  })) as typeof fetch;

/** Never answers until aborted. */
const stalledHeaders = ((_input: RequestInfo | URL, init?: RequestInit) =>
  new Promise<Response>((_resolve, reject) => init!.signal!.addEventListener('abort', () => reject(init!.signal!.reason)))) as typeof fetch;

describe('TasksApi under a stalled connection', () => {
  it.each([
    ['no answer at all', stalledHeaders],
    ['a body that never ends', stalledBody],
  ])('gives up after the timeout with a NetworkError when there is %s, so the sync cycle retries', async (_label, fetchImpl) => {
    vi.useFakeTimers();
    const api = new TasksApi({ deviceId: 'd1', fetch: fetchImpl, timeoutMs: 1_000 });
    const pull = api.pull('client-1', 0, 100).catch((e: unknown) => e);
    const sync = api.sync('client-1', 0, []).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await pull).toBeInstanceOf(NetworkError);
    expect(await sync).toBeInstanceOf(NetworkError);
  });

  it('keeps a refusal a refusal: a 403 is an ApiError, not a network problem', async () => {
    const refuse = (async () => Response.json({ error: { code: 'forbidden', message: 'Not yours' } }, { status: 403 })) as typeof fetch;
    const error = await new TasksApi({ deviceId: 'd1', fetch: refuse }).pull('client-1', 0, 100).catch((e: unknown) => e);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect(error).toMatchObject({ status: 403, code: 'forbidden' });
  });
});
