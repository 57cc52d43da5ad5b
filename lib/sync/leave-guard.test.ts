import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendJson, setCurrentOutbox } from './api';
import { holdPage, holdPageUntil } from './leave-guard';
import type { Outbox } from './outbox';
import { LocalOutbox } from './tasks/outbox';
import type { TaskStore } from './tasks/store';
import type { OpEnvelope } from '@/lib/shared/crdt';
import { deferred } from '@/test/deferred';

/** Whether leaving now would ask first: a cancelable beforeunload the page's listeners cancel. */
function leavingAsks(): boolean {
  const event = new Event('beforeunload', { cancelable: true });
  window.dispatchEvent(event);
  return event.defaultPrevented;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCurrentOutbox(null);
});

describe('holding the page while a change is on its way', () => {
  it('asks before leaving only while something is held, and forgets a second release', () => {
    expect(leavingAsks()).toBe(false);
    const first = holdPage();
    const second = holdPage();
    expect(leavingAsks()).toBe(true);
    first();
    first();
    expect(leavingAsks()).toBe(true);
    second();
    expect(leavingAsks()).toBe(false);
  });

  it('holds until the work settles, also when it fails', async () => {
    const work = deferred<number>();
    const held = holdPageUntil(work.promise);
    expect(leavingAsks()).toBe(true);
    work.reject(new Error('refused'));
    await expect(held).rejects.toThrow('refused');
    expect(leavingAsks()).toBe(false);
  });
});

describe('writes hold the page', () => {
  it('a write sent straight to the server, until it is answered', async () => {
    const answer = deferred<Response>();
    vi.stubGlobal(
      'fetch',
      vi.fn(() => answer.promise),
    );
    const sent = sendJson('POST', '/api/habits', 'device-1', { name: 'Stretch' }, { keepOffline: false });
    expect(leavingAsks()).toBe(true);
    answer.resolve(new Response(JSON.stringify({ id: 'h1' }), { status: 201, headers: { 'Content-Type': 'application/json' } }));
    await expect(sent).resolves.toEqual({ id: 'h1' });
    expect(leavingAsks()).toBe(false);
  });

  it('a write through the outbox, until it is sent or kept on this device', async () => {
    const kept = deferred<unknown>();
    setCurrentOutbox({ send: () => kept.promise } as unknown as Outbox);
    const sent = sendJson('PATCH', '/api/me', 'device-1', { name: 'Ada' });
    expect(leavingAsks()).toBe(true);
    kept.reject(Object.assign(new Error('Saved on this device'), { name: 'QueuedOffline' }));
    await expect(sent).rejects.toThrow('Saved on this device');
    expect(leavingAsks()).toBe(false);
  });

  it("a task's op, until it is in this device's op log", async () => {
    const written = deferred<void>();
    const store = { append: () => written.promise, outboxCount: async () => 1 } as unknown as TaskStore;
    const outbox = new LocalOutbox({ store: () => store, changed: () => {}, saved: () => {}, disposed: () => false });
    const persisted = outbox.persist({ opId: 'op-1' } as unknown as OpEnvelope);
    expect(leavingAsks()).toBe(true);
    written.resolve();
    await persisted;
    expect(leavingAsks()).toBe(false);
  });
});
