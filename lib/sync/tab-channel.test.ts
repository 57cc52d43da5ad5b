import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTabChannel } from './tab-channel';

afterEach(() => {
  vi.unstubAllGlobals();
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
