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
