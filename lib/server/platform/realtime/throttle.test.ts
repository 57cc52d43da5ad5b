import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChangeEvent } from '@/lib/shared/events';
import { ChangeThrottle } from './throttle';

const change = (over: Partial<ChangeEvent> & { ids?: string[]; today?: boolean } = {}): ChangeEvent => ({
  userId: 'u1',
  scope: 'tasks',
  sourceDeviceId: 'd1',
  occurredAt: Date.now(),
  hints: { changedScopes: ['tasks'], updatedTaskIds: over.ids ?? [], todayCountChanged: over.today },
  ...over,
});

let sent: [ChangeEvent, number][];
let throttle: ChangeThrottle;
beforeEach(() => {
  vi.useFakeTimers();
  sent = [];
  throttle = new ChangeThrottle(1000, (e, n) => sent.push([e, n]));
});
afterEach(() => {
  throttle.dispose();
  vi.useRealTimers();
});

describe('ChangeThrottle', () => {
  it('sends the first change at once and merges a burst of 50 into one more at the window end', () => {
    for (let i = 0; i < 50; i++) throttle.push(change({ ids: [`t${i}`], today: i === 30 }));
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
    const [merged, count] = sent[1];
    expect(count).toBe(49);
    expect(merged.hints.updatedTaskIds).toHaveLength(49);
    expect(new Set(merged.hints.updatedTaskIds)).toEqual(new Set(Array.from({ length: 49 }, (_, i) => `t${i + 1}`)));
    expect(merged.hints.todayCountChanged).toBe(true);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });

  it('unions changedScopes and keeps the source only when every merged change shares it', () => {
    throttle.push(change());
    throttle.push(change({ hints: { changedScopes: ['tasks', 'plan'] } }));
    throttle.push(change({ sourceDeviceId: 'd2', hints: { changedScopes: ['tasks', 'progress'] } }));
    vi.advanceTimersByTime(1000);
    expect(new Set(sent[1][0].hints.changedScopes)).toEqual(new Set(['tasks', 'plan', 'progress']));
    expect(sent[1][0].sourceDeviceId).toBeNull();
  });

  it('throttles each user and scope on its own', () => {
    throttle.push(change());
    throttle.push(change({ userId: 'u2' }));
    throttle.push(change({ scope: 'focus', hints: { changedScopes: ['focus'] } }));
    expect(sent).toHaveLength(3);
  });

  it('keeps at most one event per second under a steady stream', () => {
    for (let t = 0; t < 10_000; t += 100) {
      throttle.push(change({ ids: [`t${t}`] }));
      vi.advanceTimersByTime(100);
    }
    vi.advanceTimersByTime(1000);
    expect(sent.length).toBeLessThanOrEqual(11);
    expect(sent.flatMap(([e]) => e.hints.updatedTaskIds ?? [])).toHaveLength(100);
  });
});
