import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SseEvent } from '@/lib/shared/realtime';
import { SseHub } from './hub';

function sink() {
  const chunks: string[] = [];
  let closes = 0;
  return {
    chunks,
    closes: () => closes,
    events: () => chunks.filter((c) => c.startsWith('id: ')).map((c) => JSON.parse(c.split('\ndata: ')[1]) as SseEvent),
    sink: { write: (c: string) => (chunks.push(c), true), close: () => void (closes += 1) },
  };
}

const event = (channel = 'changed', sourceDeviceId: string | null = null): Omit<SseEvent, 'id'> => ({
  channel,
  type: 'changed',
  payload: {},
  sourceDeviceId,
  timestamp: new Date().toISOString(),
  changedScopes: ['profile'],
});

let hub: SseHub;
afterEach(() => {
  hub?.close();
  vi.useRealTimers();
});

function connect(userId: string, deviceId: string, s = sink(), lastEventId: string | null = null) {
  const conn = hub.connect({ userId, deviceId, label: deviceId, sessionId: 's1', expiresAt: null, lastEventId, sink: s.sink });
  return { conn, s };
}

describe('SseHub', () => {
  it('broadcasts to every device of the user except the source device', () => {
    hub = new SseHub({ nodeId: 'n1' });
    const a = connect('u1', 'phone');
    const b = connect('u1', 'laptop');
    const other = connect('u2', 'laptop');
    hub.broadcast('u1', event('timer', 'phone'), 'phone');
    expect(a.s.events()).toHaveLength(0);
    expect(b.s.events().map((e) => e.channel)).toEqual(['timer']);
    expect(other.s.events()).toHaveLength(0);
  });

  it('starts every stream with a retry hint and numbers events per user, increasing', () => {
    hub = new SseHub({ nodeId: 'n1', retryMs: 2500 });
    const a = connect('u1', 'd1');
    hub.broadcast('u1', event());
    hub.broadcast('u1', event());
    expect(a.s.chunks[0]).toContain('retry: 2500');
    const ids = a.s.events().map((e) => e.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toMatch(/^n1:[a-z0-9]+:1$/);
    expect(ids[1]).toBe(ids[0].replace(/:1$/, ':2'));
  });

  it('sends to one device only with sendToDevice', () => {
    hub = new SseHub({ nodeId: 'n1' });
    const a = connect('u1', 'd1');
    const b = connect('u1', 'd2');
    hub.sendToDevice('u1', 'd2', event('timer'));
    expect(a.s.events()).toHaveLength(0);
    expect(b.s.events()).toHaveLength(1);
  });

  it('cleans a connection up exactly once, however often it is told to, and counts return to zero', () => {
    hub = new SseHub({ nodeId: 'n1' });
    const changes: string[] = [];
    hub.onConnectionsChange((u) => changes.push(u));
    const { conn, s } = connect('u1', 'd1');
    expect(hub.connectionCount('u1')).toBe(1);
    hub.disconnect(conn);
    hub.disconnect(conn);
    expect(s.closes()).toBe(1);
    expect(hub.connectionCount('u1')).toBe(0);
    expect(hub.connectionCount()).toBe(0);
    expect(changes).toEqual(['u1', 'u1']);
  });

  it('writes heartbeat comments on its interval and drops streams that cannot be written', () => {
    vi.useFakeTimers();
    hub = new SseHub({ nodeId: 'n1', heartbeatMs: 15_000 });
    const a = connect('u1', 'd1');
    let alive = true;
    const dead = hub.connect({
      userId: 'u1',
      deviceId: 'd2',
      label: 'x',
      sessionId: null,
      expiresAt: null,
      lastEventId: null,
      sink: { write: () => alive, close: () => {} },
    });
    alive = false;
    vi.advanceTimersByTime(15_000);
    expect(a.s.chunks.filter((c) => c === ': hb\n\n')).toHaveLength(1);
    expect(dead.closed).toBe(true);
    expect(hub.connectionCount('u1')).toBe(1);
  });

  it('replays what it holds after a Last-Event-ID from this node, skipping the device’s own events', () => {
    hub = new SseHub({ nodeId: 'n1' });
    const first = connect('u1', 'd1');
    hub.broadcast('u1', event());
    const lastSeen = first.s.events()[0].id;
    hub.disconnect(first.conn);
    hub.broadcast('u1', event('timer'));
    hub.broadcast('u1', event('calendar', 'd1'));
    hub.broadcast('u1', event('changed'));
    const again = connect('u1', 'd1', sink(), lastSeen);
    expect(again.s.events().map((e) => e.channel)).toEqual(['timer', 'changed']);
  });

  it.each([
    ['an id from another node', (id: string) => id.replace(/^n1:/, 'n2:')],
    ['an unknown id', () => 'garbage'],
    ['an id in the old format', () => 'n1:1'],
    ['an id from the future', (id: string) => id.replace(/:1$/, ':999')],
  ])('answers %s with one resync event, never silence', (_label, lastEventIdFrom) => {
    hub = new SseHub({ nodeId: 'n1' });
    const sent = hub.broadcast('u1', event());
    const c = connect('u1', 'd1', sink(), lastEventIdFrom(sent.id));
    expect(c.s.events().map((e) => e.channel)).toEqual(['resync']);
  });

  it('answers an id older than the ring with resync', () => {
    hub = new SseHub({ nodeId: 'n1', ringSize: 3 });
    const first = hub.broadcast('u1', event());
    for (let i = 0; i < 10; i++) hub.broadcast('u1', event());
    const c = connect('u1', 'd1', sink(), first.id.replace(/:1$/, ':2'));
    expect(c.s.events().map((e) => e.channel)).toEqual(['resync']);
  });

  it("never replays another user's events, whatever Last-Event-ID is sent", () => {
    hub = new SseHub({ nodeId: 'n1' });
    const aliceFirst = hub.broadcast('alice', event('timer'));
    hub.broadcast('alice', event('timer'));
    const mallory = connect('mallory', 'd1', sink(), aliceFirst.id);
    expect(mallory.s.events().every((e) => e.channel === 'resync')).toBe(true);
  });

  it('answers an id from an earlier state of the same user with resync, even when its number is current again', () => {
    vi.useFakeTimers();
    hub = new SseHub({ nodeId: 'n1', heartbeatMs: 15_000, ringMaxAgeMs: 60_000 });
    const first = connect('u1', 'd1');
    hub.broadcast('u1', event());
    hub.broadcast('u1', event());
    const oldId = first.s.events()[1].id;
    hub.disconnect(first.conn);
    // Idle past the ring's age: the next heartbeat drops the user's state, and with it the numbering.
    vi.advanceTimersByTime(90_000);
    hub.broadcast('u1', event('calendar'));
    const fresh = hub.broadcast('u1', event('timer'));
    hub.broadcast('u1', event('changed'));
    expect(fresh.id.split(':')[2]).toBe(oldId.split(':')[2]);
    expect(fresh.id).not.toBe(oldId);
    const again = connect('u1', 'd1', sink(), oldId);
    expect(again.s.events().map((e) => e.channel)).toEqual(['resync']);
  });

  it('gives two states made within the same millisecond different generations', () => {
    vi.useFakeTimers();
    hub = new SseHub({ nodeId: 'n1' });
    const a = hub.broadcast('u1', event());
    const b = hub.broadcast('u2', event());
    expect(a.id.split(':')[1]).not.toBe(b.id.split(':')[1]);
  });

  it.each([
    ['a signed-out session', { kind: 'session', id: 'gone' }, ['apikey', 'phone', 'other-device']],
    ['a revoked API key', { kind: 'apiKey', id: 'key1' }, ['session', 'phone', 'other-device']],
    ['a removed device', { kind: 'device', id: 'phone' }, ['session', 'apikey', 'other-device']],
    ['a disabled account', { kind: 'user' }, []],
  ] as const)('closes only the streams of %s', (_label, credential, stillOpen) => {
    hub = new SseHub({ nodeId: 'n1' });
    const open = (deviceId: string, sessionId: string | null, apiKeyId: string | null) =>
      hub.connect({ userId: 'u1', deviceId, label: 'x', sessionId, apiKeyId, expiresAt: null, lastEventId: null, sink: sink().sink });
    const conns = {
      session: open('browser', 'gone', null),
      apikey: open('cli', null, 'key1'),
      phone: open('phone', null, 'key2'),
      'other-device': open('laptop', 'kept', null),
    };
    const otherUser = hub.connect({
      userId: 'u2',
      deviceId: 'phone',
      label: 'x',
      sessionId: 'gone',
      apiKeyId: 'key1',
      expiresAt: null,
      lastEventId: null,
      sink: sink().sink,
    });
    hub.end('u1', credential);
    expect(
      Object.entries(conns)
        .filter(([, c]) => !c.closed)
        .map(([name]) => name),
    ).toEqual(stillOpen);
    expect(otherUser.closed).toBe(false);
  });

  it('tells the presence store of each device once, keeps it while another stream of the device is open, and refreshes it on heartbeats', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    hub = new SseHub({
      nodeId: 'n1',
      heartbeatMs: 15_000,
      presence: { join: (u, d) => calls.push(`join ${u} ${d}`), leave: (u, d) => calls.push(`leave ${u} ${d}`), refresh: () => calls.push('refresh') },
    });
    const tab1 = connect('u1', 'd1');
    const tab2 = connect('u1', 'd1');
    hub.disconnect(tab1.conn);
    expect(calls).toEqual(['join u1 d1', 'join u1 d1']);
    vi.advanceTimersByTime(15_000);
    hub.disconnect(tab2.conn);
    expect(calls).toEqual(['join u1 d1', 'join u1 d1', 'refresh', 'leave u1 d1']);
  });

  it('closes a stream when its credential expires, also beyond the 24.8-day timer limit', () => {
    vi.useFakeTimers();
    hub = new SseHub({ nodeId: 'n1' });
    const soon = hub.connect({ userId: 'u1', deviceId: 'd1', label: 'x', sessionId: null, expiresAt: Date.now() + 1000, lastEventId: null, sink: sink().sink });
    const late = hub.connect({
      userId: 'u1',
      deviceId: 'd2',
      label: 'x',
      sessionId: null,
      expiresAt: Date.now() + 30 * 86_400_000,
      lastEventId: null,
      sink: sink().sink,
    });
    vi.advanceTimersByTime(1000);
    expect(soon.closed).toBe(true);
    expect(late.closed).toBe(false);
    vi.advanceTimersByTime(30 * 86_400_000);
    expect(late.closed).toBe(true);
  });

  it('lists connected devices once per device with their labels', () => {
    hub = new SseHub({ nodeId: 'n1' });
    hub.connect({ userId: 'u1', deviceId: 'd1', label: 'Chrome on macOS', sessionId: null, expiresAt: null, lastEventId: null, sink: sink().sink });
    hub.connect({ userId: 'u1', deviceId: 'd1', label: 'Chrome on macOS', sessionId: null, expiresAt: null, lastEventId: null, sink: sink().sink });
    hub.connect({ userId: 'u1', deviceId: 'd2', label: 'Safari on iOS', sessionId: null, expiresAt: null, lastEventId: null, sink: sink().sink });
    expect(hub.devices('u1').map((d) => d.label)).toEqual(['Chrome on macOS', 'Safari on iOS']);
    expect(hub.devices('u2')).toEqual([]);
  });

  describe('streams per user', () => {
    it('closes the oldest stream of a user who opens one more than the cap, and no other user’s', () => {
      hub = new SseHub({ nodeId: 'n1', maxStreamsPerUser: 3 });
      const streams = ['a', 'b', 'c'].map((d) => connect('u1', d));
      const bystander = connect('u2', 'a');
      const newest = connect('u1', 'd');
      expect(streams.map(({ s }) => s.closes())).toEqual([1, 0, 0]);
      expect(hub.connectionCount('u1')).toBe(3);
      expect(bystander.s.closes()).toBe(0);
      hub.broadcast('u1', event());
      expect(streams[0].s.events()).toHaveLength(0);
      expect([streams[1], streams[2], newest].map(({ s }) => s.events().length)).toEqual([1, 1, 1]);
    });

    it('closes the next oldest when the closed client comes back, never the stream just opened', () => {
      hub = new SseHub({ nodeId: 'n1', maxStreamsPerUser: 2 });
      const first = connect('u1', 'tab-lost');
      const second = connect('u1', 'phone');
      const third = connect('u1', 'laptop');
      expect([first, second, third].map(({ s }) => s.closes())).toEqual([1, 0, 0]);
      const back = connect('u1', 'tab-lost');
      expect([second, third, back].map(({ s }) => s.closes())).toEqual([1, 0, 0]);
      expect(hub.devices('u1').map((d) => d.deviceId)).toEqual(['laptop', 'tab-lost']);
    });

    it('keeps a device present when its new stream replaces its own oldest one', () => {
      const presence = { join: vi.fn(), leave: vi.fn(), refresh: vi.fn() };
      hub = new SseHub({ nodeId: 'n1', maxStreamsPerUser: 1, presence });
      const stale = connect('u1', 'laptop');
      connect('u1', 'laptop');
      expect(stale.s.closes()).toBe(1);
      expect(presence.leave).not.toHaveBeenCalled();
      expect(hub.connectionCount('u1')).toBe(1);
    });

    it('allows SSE_MAX_STREAMS_PER_USER streams (20) by default', () => {
      hub = new SseHub({ nodeId: 'n1' });
      const streams = Array.from({ length: 21 }, (_, i) => connect('u1', `d${i}`));
      expect(streams.map(({ s }) => s.closes())).toEqual([1, ...Array.from({ length: 20 }, () => 0)]);
      expect(hub.connectionCount('u1')).toBe(20);
    });
  });
});
