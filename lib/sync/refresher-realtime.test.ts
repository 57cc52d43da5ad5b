import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock';
import { contractFor, type ContractName } from './contracts';
import { Refresher, type RefreshReason } from './refresher';
import type { RealtimeState } from './sse-client';
import { FakeRealtime } from './tasks/engine-harness';
import { FakeLifecycle, fakeActivity, memoryLastFetch } from './test-env';

const S = 1000;
const M = 60 * S;

function setup(name: ContractName, state: RealtimeState, o: { leader?: boolean } = {}) {
  const lifecycle = new FakeLifecycle();
  const realtime = new FakeRealtime(state);
  const lastFetch = memoryLastFetch(Date.now());
  const reasons: RefreshReason[] = [];
  const refresher = new Refresher({
    contract: contractFor(name),
    clock: systemClock,
    lifecycle,
    activity: fakeActivity(),
    lastFetch,
    realtime,
    refresh: async (reason) => {
      reasons.push(reason);
      lastFetch.set(Date.now());
    },
  });
  if (o.leader === false) refresher.setLeader(false);
  refresher.start();
  return { refresher, realtime, lifecycle, reasons, lastFetch };
}

const polls = (reasons: RefreshReason[]) => reasons.filter((r) => r === 'poll').length;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

// DESIGN.md "Realtime": while the stream is down, pages that rely on nudges poll at their staleness window.
const nudgePages: [ContractName, number][] = [
  ['quests', M],
  ['habits', M],
  ['progress', M],
  ['books', 2 * M],
  ['mood', M],
  ['daily-plan', 5 * M],
  ['profile', 5 * M],
  ['api-keys', M],
  ['devices', M],
  ['sessions', M],
  ['device-tokens', M],
  ['focus-sessions', M],
];

describe.each(nudgePages)('the %s contract and the event stream', (name, staleMs) => {
  it(`polls every ${staleMs / S} s while the stream is down, not at all while it is live, and at once when it drops with stale data`, async () => {
    const { reasons, realtime } = setup(name, 'reconnecting');
    await vi.advanceTimersByTimeAsync(4 * staleMs);
    expect(polls(reasons)).toBe(4);

    realtime.setStatus('live');
    await vi.advanceTimersByTimeAsync(10 * staleMs);
    expect(polls(reasons)).toBe(4);

    realtime.setStatus('polling');
    await vi.advanceTimersByTimeAsync(0);
    expect(polls(reasons)).toBe(5);
    await vi.advanceTimersByTimeAsync(staleMs);
    expect(polls(reasons)).toBe(6);
  });

  it('keeps the fallback poll to one tab: a tab that does not lead never polls', async () => {
    const { reasons } = setup(name, 'connecting', { leader: false });
    await vi.advanceTimersByTimeAsync(10 * staleMs);
    expect(reasons).toEqual([]);
  });
});

describe('the tasks contract and the event stream (tasks engine and the Today badge)', () => {
  it.each(['tasks', 'task-counts'] as const)('%s: polls every 30 s while the stream is down, every 5 minutes while it is live', async (name) => {
    const { reasons, realtime } = setup(name, 'polling');
    await vi.advanceTimersByTimeAsync(2 * M);
    expect(polls(reasons)).toBe(4);

    realtime.setStatus('live');
    await vi.advanceTimersByTimeAsync(5 * M - S);
    expect(polls(reasons)).toBe(4);
    await vi.advanceTimersByTimeAsync(S);
    expect(polls(reasons)).toBe(5);
  });
});

describe('nudges', () => {
  it('the leader refetches at once; a follower waits for the relay instead', async () => {
    const leader = setup('habits', 'live');
    const follower = setup('habits', 'live', { leader: false });
    leader.refresher.nudge();
    follower.refresher.nudge();
    await vi.advanceTimersByTimeAsync(0);
    expect(leader.reasons).toEqual(['nudge']);
    expect(follower.reasons).toEqual([]);

    // The relay arrives: nothing left to do, even if this tab comes to lead later.
    follower.refresher.markFetched(Date.now());
    follower.refresher.setLeader(true);
    await vi.advanceTimersByTimeAsync(10 * M);
    expect(follower.reasons).toEqual([]);
  });

  it('a follower whose leader went away before answering refetches once it leads', async () => {
    const follower = setup('habits', 'live', { leader: false });
    follower.refresher.nudge();
    await vi.advanceTimersByTimeAsync(30 * S);
    expect(follower.reasons).toEqual([]);
    follower.refresher.setLeader(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(follower.reasons).toEqual(['nudge']);
  });

  it('a nudge during a fetch in flight fetches once more after it, since that answer may predate the change', async () => {
    const lifecycle = new FakeLifecycle();
    const reasons: RefreshReason[] = [];
    let answer: () => void = () => {};
    const refresher = new Refresher({
      contract: contractFor('habits'),
      clock: systemClock,
      lifecycle,
      activity: fakeActivity(),
      lastFetch: memoryLastFetch(Date.now()),
      refresh: (reason) => {
        reasons.push(reason);
        return new Promise<void>((resolve) => (answer = resolve));
      },
    });
    refresher.start();
    refresher.nudge();
    refresher.nudge();
    expect(reasons).toEqual(['nudge']);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons).toEqual(['nudge', 'nudge']);
    answer();
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons).toEqual(['nudge', 'nudge']);
  });

  it('a hidden or disabled tab answers a nudge it received only when it is back', async () => {
    const { refresher, reasons, lifecycle } = setup('habits', 'live');
    refresher.setEnabled(false);
    refresher.nudge();
    await vi.advanceTimersByTimeAsync(M);
    expect(reasons).toEqual([]);
    refresher.setEnabled(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons).toEqual(['nudge']);

    lifecycle.emit('pagehide');
    refresher.nudge();
    await vi.advanceTimersByTimeAsync(S);
    lifecycle.emit({ type: 'pageshow', persisted: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(reasons).toEqual(['nudge', 'nudge']);
  });
});
