import { describe, expect, it } from 'vitest';
import { RETRY_MS, deliveryRounds } from './delivery-rounds';

/** Rounds the test resolves by hand, and timers it fires by hand. */
function harness() {
  const rounds: { resolve: (pending: number) => void; reject: (e: Error) => void }[] = [];
  const timers = new Map<number, { fn: () => void; ms: number }>();
  let next = 0;
  const state = { online: true };
  const loop = deliveryRounds({
    round: () => new Promise<number>((resolve, reject) => rounds.push({ resolve, reject })),
    online: () => state.online,
    setTimeout: (fn, ms) => {
      timers.set(++next, { fn, ms });
      return next;
    },
    clearTimeout: (handle) => timers.delete(handle as number),
  });
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const fire = () => {
    const [[id, timer]] = [...timers];
    timers.delete(id);
    timer.fn();
  };
  return { loop, rounds, timers, state, settle, fire };
}

describe('deliveryRounds', () => {
  it('runs one round at a time, and a trigger during a round starts one more round after it, not none', async () => {
    const h = harness();
    h.loop.trigger();
    expect(h.rounds).toHaveLength(1);
    // Back online while the first round still runs: it may have read the outbox before the records.
    h.loop.trigger();
    h.loop.trigger();
    expect(h.rounds).toHaveLength(1);
    h.rounds[0].resolve(0);
    await h.settle();
    expect(h.rounds).toHaveLength(2);
    h.rounds[1].resolve(0);
    await h.settle();
    expect(h.rounds).toHaveLength(2);
    expect(h.timers.size).toBe(0);
  });

  it('retries a round that left writes behind with growing delays, and a trigger starts over from the first delay', async () => {
    const h = harness();
    h.loop.trigger();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      h.rounds[i].resolve(2);
      await h.settle();
      delays.push([...h.timers.values()][0].ms);
      h.fire();
    }
    expect(delays).toEqual([...RETRY_MS, RETRY_MS.at(-1)]);
    h.loop.trigger();
    h.rounds[5].resolve(1);
    await h.settle();
    // The trigger came during round 6 (a timer fired it): one more round, then the first delay again.
    h.rounds[6].resolve(1);
    await h.settle();
    expect([...h.timers.values()].map((t) => t.ms)).toEqual([RETRY_MS[0]]);
  });

  it('sets no retry timer while offline (the online trigger comes), and a failed round is tried again', async () => {
    const h = harness();
    h.state.online = false;
    h.loop.trigger();
    h.rounds[0].resolve(3);
    await h.settle();
    expect(h.timers.size).toBe(0);
    h.loop.soon();
    expect(h.timers.size).toBe(0);

    h.state.online = true;
    h.loop.trigger();
    h.rounds[1].reject(new Error('storage unavailable'));
    await h.settle();
    expect(h.timers.size).toBe(1);
  });

  it('soon() adds no timer during a round or beside another timer, and stop() ends everything', async () => {
    const h = harness();
    h.loop.trigger();
    h.loop.soon();
    expect(h.timers.size).toBe(0);
    h.rounds[0].resolve(0);
    await h.settle();
    h.loop.soon();
    h.loop.soon();
    expect(h.timers.size).toBe(1);
    h.loop.stop();
    expect(h.timers.size).toBe(0);
    h.loop.trigger();
    expect(h.rounds).toHaveLength(1);
  });
});
