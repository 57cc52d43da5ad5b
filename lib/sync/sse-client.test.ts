import { describe, expect, it } from 'vitest';
import type { Election } from './leader';
import { RealtimeClient, type EventSourceLike, type RealtimeMessage } from './sse-client';
import type { TabChannel } from './tab-channel';

/** A tab channel that records whether it is open, and what was posted while open. */
function recordingChannel() {
  const state = { open: true, posted: [] as RealtimeMessage[], closes: 0 };
  const channel: TabChannel<RealtimeMessage> = {
    post(message) {
      state.open = true;
      state.posted.push(message);
    },
    subscribe() {
      state.open = true;
      return () => {};
    },
    close() {
      state.open = false;
      state.closes += 1;
    },
  };
  return { channel, state };
}

function leaderNow(): (onChange: (leader: boolean) => void) => Election {
  return (onChange) => {
    let leader = false;
    return {
      stand() {
        leader = true;
        onChange(true);
      },
      resign() {
        leader = false;
        onChange(false);
      },
      isLeader: () => leader,
    };
  };
}

describe('RealtimeClient', () => {
  it('closes its stream and its tab channel on stop, and opens both again on start (StrictMode remount, user change)', () => {
    const { channel, state } = recordingChannel();
    const sources: { url: string; closed: boolean }[] = [];
    const client = new RealtimeClient({
      userId: 'u1',
      deviceId: 'd1',
      deviceLabel: 'Test',
      channel,
      elect: leaderNow(),
      lifecycle: { isHidden: () => false, listen: () => () => {} },
      createEventSource: (url) => {
        const source = { url, closed: false };
        sources.push(source);
        const fake: EventSourceLike = { readyState: 0, onopen: null, onmessage: null, onerror: null, close: () => void (source.closed = true) };
        return fake;
      },
    });
    client.start();
    expect(sources).toHaveLength(1);
    client.stop();
    expect(sources[0].closed).toBe(true);
    expect(state).toMatchObject({ open: false, closes: 1 });

    client.start();
    expect(state.open).toBe(true);
    expect(sources).toHaveLength(2);
    expect(sources[1].closed).toBe(false);
    client.stop();
  });
});
