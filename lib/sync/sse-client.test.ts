import { describe, expect, it, vi } from 'vitest';
import type { SseEvent } from '@/lib/shared/realtime';
import type { Clock } from './clock';
import type { Election } from './leader';
import { RealtimeClient, type RealtimeMessage, type RealtimeState, type ResyncReason } from './sse-client';
import { openTabChannel, type TabChannel } from './tab-channel';
import { FakeLifecycle, fakeEventSources, memoryBus, soleLeader } from './test-env';

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

/** Timers the test fires by hand; `pending` lists the delays asked for. */
function manualClock() {
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const clock: Clock = {
    now: () => 0,
    setTimeout(fn, ms) {
      timers.set(next, { fn, ms });
      return next++;
    },
    clearTimeout(id) {
      timers.delete(id as number);
    },
  };
  return {
    clock,
    delays: () => [...timers.values()].map((t) => t.ms),
    fireAll() {
      const due = [...timers.values()];
      timers.clear();
      due.forEach((t) => t.fn());
    },
  };
}

/** An election the test decides: the tab leads once `win()` is called while it stands. */
function decidedElection() {
  let onChange: (leader: boolean) => void = () => {};
  let standing = false;
  let leader = false;
  const elect = (fn: (leader: boolean) => void): Election => {
    onChange = fn;
    return {
      stand: () => void (standing = true),
      resign() {
        standing = false;
        if (leader) onChange((leader = false));
      },
      isLeader: () => leader,
    };
  };
  return {
    elect,
    win() {
      if (standing && !leader) onChange((leader = true));
    },
    isStanding: () => standing,
  };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

interface TabOptions {
  bus?: ReturnType<typeof memoryBus<RealtimeMessage>>;
  /** A real tab channel of this name (BroadcastChannel, closed in the back/forward cache) instead of the bus. */
  channelName?: string;
  elect: (fn: (leader: boolean) => void) => Election;
  deviceId?: string;
  random?: () => number;
  clock?: Clock;
  userId?: string;
}

function tab(o: TabOptions) {
  const sources = fakeEventSources();
  const lifecycle = new FakeLifecycle();
  const client = new RealtimeClient({
    userId: o.userId ?? 'u1',
    deviceId: o.deviceId ?? 'web-a',
    deviceLabel: 'Test',
    channel: o.channelName ? openTabChannel<RealtimeMessage>(o.channelName, lifecycle) : (o.bus ?? memoryBus<RealtimeMessage>()).open(),
    elect: o.elect,
    lifecycle,
    createEventSource: sources.create,
    clock: o.clock,
    random: o.random,
  });
  const events: SseEvent[] = [];
  const states: RealtimeState[] = [];
  const resyncs: ResyncReason[] = [];
  client.on('*', (e) => events.push(e));
  client.onStatus((s) => states.push(s));
  client.onResync((r) => resyncs.push(r));
  return { client, sources, lifecycle, events, states, resyncs };
}

describe('RealtimeClient', () => {
  it('closes its stream and its tab channel on stop, and opens both again on start (StrictMode remount, user change)', () => {
    const { channel, state } = recordingChannel();
    const sources = fakeEventSources();
    const client = new RealtimeClient({
      userId: 'u1',
      deviceId: 'd1',
      deviceLabel: 'Test',
      channel,
      elect: soleLeader(),
      lifecycle: new FakeLifecycle(),
      createEventSource: sources.create,
    });
    client.start();
    expect(sources.created).toHaveLength(1);
    client.stop();
    expect(sources.created[0].closed).toBe(true);
    expect(state).toMatchObject({ open: false, closes: 1 });

    client.start();
    expect(state.open).toBe(true);
    expect(sources.created).toHaveLength(2);
    expect(sources.created[1].closed).toBe(false);
    client.stop();
  });

  it.each([
    ['no jitter', () => 0, [500, 1000, 2000, 4000, 8000, 15_000, 15_000]],
    ['full jitter', () => 0.999_999, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000]],
  ])('backs off exponentially from 1 s to 30 s with jitter in [half, whole] of each step (%s)', (_name, random, expected) => {
    const timers = manualClock();
    const a = tab({ bus: memoryBus<RealtimeMessage>(), elect: soleLeader(), random, clock: timers.clock });
    a.client.start();
    const delays: number[] = [];
    for (let i = 0; i < expected.length; i++) {
      a.sources.last()!.fail();
      delays.push(...timers.delays());
      timers.fireAll();
    }
    expected.forEach((ms, i) => expect(delays[i]).toBeCloseTo(ms, -1));
    expect(a.sources.created).toHaveLength(expected.length + 1);
    expect(a.states).toEqual(['connecting', 'reconnecting', 'polling']);

    a.sources.last()!.open();
    expect(a.client.status()).toBe('live');
    a.sources.last()!.fail();
    expect(timers.delays()[0]).toBeLessThanOrEqual(1000);
    a.client.stop();
  });

  it('spreads reconnects of many browsers over each step instead of at one instant', () => {
    const seen = new Set<number>();
    for (const r of [0, 0.25, 0.5, 0.75]) {
      const timers = manualClock();
      const a = tab({ bus: memoryBus<RealtimeMessage>(), elect: soleLeader(), random: () => r, clock: timers.clock });
      a.client.start();
      a.sources.last()!.fail();
      const [delay] = timers.delays();
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1000);
      seen.add(delay);
      a.client.stop();
    }
    expect(seen.size).toBe(4);
  });

  it('ignores events this device caused and relays the others to the follower tabs', async () => {
    const bus = memoryBus<RealtimeMessage>();
    const leader = tab({ bus, elect: soleLeader(), deviceId: 'web-here' });
    const follower = tab({ bus, elect: decidedElection().elect, deviceId: 'web-here' });
    leader.client.start();
    follower.client.start();
    leader.sources.last()!.open();
    leader.sources.last()!.send({ channel: 'timer', type: 'started', sourceDeviceId: 'web-here' });
    leader.sources.last()!.send({ channel: 'timer', type: 'stopped', sourceDeviceId: 'web-there' });
    await flush();
    expect(leader.events.map((e) => e.type)).toEqual(['stopped']);
    expect(follower.events.map((e) => e.type)).toEqual(['stopped']);
    expect(follower.sources.created).toHaveLength(0);
    leader.client.stop();
    follower.client.stop();
  });

  it('relays its state and why followers must resync: a (re)connect, or events the server lost', async () => {
    const bus = memoryBus<RealtimeMessage>();
    const leader = tab({ bus, elect: soleLeader() });
    const follower = tab({ bus, elect: decidedElection().elect });
    const otherUser = tab({ bus, elect: decidedElection().elect, userId: 'u2' });
    leader.client.start();
    follower.client.start();
    otherUser.client.start();
    leader.sources.last()!.open();
    await flush();
    expect(follower.client.status()).toBe('live');
    expect(follower.resyncs).toEqual(['connect']);

    leader.sources.last()!.send({ channel: 'resync', type: 'resync', sourceDeviceId: null });
    await flush();
    expect(leader.resyncs).toEqual(['connect', 'resync']);
    expect(follower.resyncs).toEqual(['connect', 'resync']);
    expect(otherUser.resyncs).toEqual([]);
    expect(otherUser.client.status()).toBe('connecting');
    for (const t of [leader, follower, otherUser]) t.client.stop();
  });

  it('reports connecting, not the old leader’s live, when it takes over until its own stream opens', async () => {
    const bus = memoryBus<RealtimeMessage>();
    const first = decidedElection();
    const second = decidedElection();
    const a = tab({ bus, elect: first.elect });
    const b = tab({ bus, elect: second.elect });
    const c = tab({ bus, elect: decidedElection().elect });
    a.client.start();
    b.client.start();
    c.client.start();
    first.win();
    a.sources.last()!.open();
    await flush();
    expect(b.client.status()).toBe('live');

    a.client.stop(); // the leader tab closes; b gets the lock
    second.win();
    expect(b.client.status()).toBe('connecting');
    await flush();
    expect(c.client.status()).toBe('connecting');
    b.sources.last()!.open();
    await flush();
    expect(b.client.status()).toBe('live');
    expect(c.client.status()).toBe('live');
    b.client.stop();
    c.client.stop();
  });

  it('closes its stream and gives up the lead on pagehide, and on a persisted pageshow stands again', () => {
    const election = decidedElection();
    const a = tab({ bus: memoryBus<RealtimeMessage>(), elect: election.elect });
    a.client.start();
    election.win();
    expect(a.sources.created).toHaveLength(1);
    a.lifecycle.emit('pagehide');
    expect(a.sources.created[0].closed).toBe(true);
    expect(election.isStanding()).toBe(false);
    expect(a.client.isLeader()).toBe(false);

    a.lifecycle.emit({ type: 'pageshow', persisted: true });
    expect(election.isStanding()).toBe(true);
    election.win();
    expect(a.sources.created).toHaveLength(2);
    expect(a.sources.created[1].closed).toBe(false);
    a.client.stop();
  });

  it('as a follower restored from the cache, asks the leader for the state it missed meanwhile', async () => {
    const leader = tab({ channelName: 'sse-bfcache-test', elect: soleLeader() });
    const follower = tab({ channelName: 'sse-bfcache-test', elect: decidedElection().elect });
    leader.client.start();
    follower.client.start();
    follower.lifecycle.emit('pagehide');
    leader.sources.last()!.open(); // a page in the cache hears nothing
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(follower.client.status()).toBe('connecting');

    follower.lifecycle.emit({ type: 'pageshow', persisted: true });
    await vi.waitFor(() => expect(follower.client.status()).toBe('live'));
    leader.client.stop();
    follower.client.stop();
  });
});
