import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTabChannel } from './tab-channel';
import { FakeLifecycle } from './test-env';

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('openTabChannel', () => {
  it('opens no BroadcastChannel during a server render, where one would stay open for good', () => {
    const opened: string[] = [];
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        onmessage: unknown = null;
        constructor(name: string) {
          opened.push(name);
        }
        postMessage() {}
        close() {}
      },
    );
    vi.stubGlobal('window', undefined);
    const channel = openTabChannel<string>('passion-sync');
    expect(() => channel.post('hello')).not.toThrow();
    expect(() => channel.subscribe(() => {})()).not.toThrow();
    channel.close();
    expect(opened).toEqual([]);
  });

  it('delivers a message to the other channels of the same name, never to the sender', async () => {
    const a = openTabChannel<{ n: number }>('tab-channel-test');
    const b = openTabChannel<{ n: number }>('tab-channel-test');
    const got: Array<[string, number]> = [];
    a.subscribe((m) => got.push(['a', m.n]));
    b.subscribe((m) => got.push(['b', m.n]));
    a.post({ n: 1 });
    await vi.waitFor(() => expect(got).toEqual([['b', 1]]));
    a.close();
    b.close();
  });
});

describe('openTabChannel after close()', () => {
  it('reopens when used again, as a StrictMode effect cleanup followed by a remount does', async () => {
    const a = openTabChannel<{ n: number }>('tab-channel-reopen');
    const b = openTabChannel<{ n: number }>('tab-channel-reopen');
    const got: number[] = [];
    b.subscribe((m) => got.push(m.n));
    a.close();
    b.close();
    expect(() => a.post({ n: 1 })).not.toThrow();
    b.subscribe((m) => got.push(m.n * 10));
    a.post({ n: 2 });
    await vi.waitFor(() => expect(got).toEqual([2, 20]));
    a.close();
    b.close();
  });

  it('releases the BroadcastChannel on close, so a stopped client holds none open', () => {
    const live = new Set<object>();
    vi.stubGlobal(
      'BroadcastChannel',
      class {
        onmessage: unknown = null;
        constructor() {
          live.add(this);
        }
        postMessage() {}
        close() {
          live.delete(this);
        }
      },
    );
    const channel = openTabChannel<string>('passion-realtime');
    expect(live.size).toBe(1);
    channel.close();
    expect(live.size).toBe(0);
    channel.subscribe(() => {});
    expect(live.size).toBe(1);
    channel.close();
    expect(live.size).toBe(0);
  });
});

/** A BroadcastChannel stand-in that counts open instances and records what they post. */
function countingBroadcastChannel() {
  const live = new Set<{ name: string; onmessage: ((e: MessageEvent) => void) | null }>();
  const posted: unknown[] = [];
  vi.stubGlobal(
    'BroadcastChannel',
    class {
      onmessage: ((e: MessageEvent) => void) | null = null;
      constructor(readonly name: string) {
        live.add(this);
      }
      postMessage(message: unknown) {
        posted.push(message);
      }
      close() {
        live.delete(this);
      }
    },
  );
  /** A message from another tab reaching every open instance of `name`. */
  const deliver = (name: string, data: unknown) =>
    [...live].filter((c) => c.name === name).forEach((c) => c.onmessage?.(new MessageEvent('message', { data })));
  return { live, posted, deliver };
}

describe('openTabChannel and the back/forward cache', () => {
  it('holds no BroadcastChannel from pagehide to a persisted pageshow, dropping what is posted meanwhile, then works again', () => {
    const bc = countingBroadcastChannel();
    const lifecycle = new FakeLifecycle();
    const channel = openTabChannel<string>('passion-sync', lifecycle);
    const got: string[] = [];
    channel.subscribe((m) => got.push(m));
    expect(bc.live.size).toBe(1);

    lifecycle.emit('pagehide');
    expect(bc.live.size).toBe(0);
    channel.post('on the way out');
    channel.subscribe(() => {});
    expect(bc.live.size).toBe(0);
    expect(bc.posted).toEqual([]);

    lifecycle.emit({ type: 'pageshow', persisted: true });
    expect(bc.live.size).toBe(1);
    channel.post('back');
    bc.deliver('passion-sync', 'from another tab');
    expect(bc.posted).toEqual(['back']);
    expect(got).toEqual(['from another tab']);
    channel.close();
    expect(bc.live.size).toBe(0);
  });

  it('stops hearing the page lifecycle once closed, and hears it again when reopened', () => {
    const bc = countingBroadcastChannel();
    const lifecycle = new FakeLifecycle();
    const channel = openTabChannel<string>('passion-realtime', lifecycle);
    channel.close();
    lifecycle.emit('pagehide');
    lifecycle.emit({ type: 'pageshow', persisted: true });
    expect(bc.live.size).toBe(0);
    channel.subscribe(() => {});
    expect(bc.live.size).toBe(1);
    lifecycle.emit('pagehide');
    expect(bc.live.size).toBe(0);
    channel.close();
  });
});

describe('openTabChannel without BroadcastChannel (storage events)', () => {
  const KEY = 'pos:bc:passion-sync';
  /** What the browser does in this tab when another tab posts: a storage event for the key. */
  const fromAnotherTab = (newValue: string | null, key = KEY) =>
    window.dispatchEvent(new StorageEvent('storage', { key, newValue, storageArea: localStorage }));

  it('posts through a localStorage write the other tabs see as a storage event, and leaves nothing behind', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const writes: Array<[string, string]> = [];
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(function (this: Storage, key: string, value: string) {
      writes.push([key, value]);
    });
    const channel = openTabChannel<{ n: number }>('passion-sync', new FakeLifecycle());
    channel.post({ n: 1 });
    channel.post({ n: 1 });
    setItem.mockRestore();
    expect(writes.map(([key]) => key)).toEqual([KEY, KEY]);
    expect(writes.map(([, value]) => (JSON.parse(value) as { m: unknown }).m)).toEqual([{ n: 1 }, { n: 1 }]);
    // Two equal messages must still change the value, or the second would raise no event.
    expect(writes[0][1]).not.toBe(writes[1][1]);
    expect(localStorage.getItem(KEY)).toBeNull();
    channel.close();
  });

  it('delivers other tabs’ messages and ignores other keys, removals and foreign values', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const channel = openTabChannel<{ n: number }>('passion-sync', new FakeLifecycle());
    const got: number[] = [];
    channel.subscribe((m) => got.push(m.n));
    fromAnotherTab(JSON.stringify({ m: { n: 1 }, n: 0.5 }));
    fromAnotherTab(JSON.stringify({ m: { n: 2 }, n: 0.5 }), 'pos:bc:passion-tasks');
    fromAnotherTab(null);
    fromAnotherTab('{not json');
    fromAnotherTab(JSON.stringify({ m: { n: 3 }, n: 0.7 }));
    expect(got).toEqual([1, 3]);
    channel.close();
    fromAnotherTab(JSON.stringify({ m: { n: 4 }, n: 0.9 }));
    expect(got).toEqual([1, 3]);
  });

  it('neither hears nor posts while the page is in the back/forward cache', () => {
    vi.stubGlobal('BroadcastChannel', undefined);
    const lifecycle = new FakeLifecycle();
    const channel = openTabChannel<{ n: number }>('passion-sync', lifecycle);
    const got: number[] = [];
    channel.subscribe((m) => got.push(m.n));
    lifecycle.emit('pagehide');
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    channel.post({ n: 0 });
    expect(setItem).not.toHaveBeenCalled();
    setItem.mockRestore();
    fromAnotherTab(JSON.stringify({ m: { n: 1 }, n: 0.1 }));
    lifecycle.emit({ type: 'pageshow', persisted: true });
    fromAnotherTab(JSON.stringify({ m: { n: 2 }, n: 0.2 }));
    expect(got).toEqual([2]);
    channel.close();
  });
});
