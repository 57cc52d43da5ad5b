import { describe, expect, it, vi } from 'vitest';
import { browserLifecycle, type LifecycleEvent } from './lifecycle';

describe('browserLifecycle', () => {
  it('passes on the page lifecycle events, activity at most once a second, until it stops listening', () => {
    vi.useFakeTimers();
    try {
      const seen: LifecycleEvent[] = [];
      const stop = browserLifecycle.listen((e) => seen.push(e));
      document.dispatchEvent(new Event('visibilitychange'));
      document.dispatchEvent(new Event('freeze'));
      document.dispatchEvent(new Event('resume'));
      for (const type of ['focus', 'blur', 'pagehide']) window.dispatchEvent(new Event(type));
      const shown = new Event('pageshow');
      Object.defineProperty(shown, 'persisted', { value: true });
      window.dispatchEvent(shown);
      window.dispatchEvent(new Event('keydown'));
      window.dispatchEvent(new Event('pointermove'));
      vi.advanceTimersByTime(1000);
      window.dispatchEvent(new Event('scroll'));
      expect(seen).toEqual([
        { type: 'visible' },
        { type: 'freeze' },
        { type: 'resume' },
        { type: 'focus' },
        { type: 'blur' },
        { type: 'pagehide' },
        { type: 'pageshow', persisted: true },
        { type: 'activity' },
        { type: 'activity' },
      ]);
      stop();
      for (const type of ['focus', 'keydown', 'pageshow']) window.dispatchEvent(new Event(type));
      document.dispatchEvent(new Event('visibilitychange'));
      expect(seen).toHaveLength(9);
    } finally {
      vi.useRealTimers();
    }
  });
});
