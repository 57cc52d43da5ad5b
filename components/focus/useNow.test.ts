import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useNow } from './useNow';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2026-01-05T09:00:00Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

const clock = () => Date.now();

describe('useNow', () => {
  it('ticks every interval while active', () => {
    const { result } = renderHook(() => useNow(clock, 500, true));
    const start = Date.now();
    expect(result.current).toBe(start);
    act(() => {
      vi.advanceTimersByTime(1500);
    });
    expect(result.current).toBe(start + 1500);
  });

  it('shows the current time in the very render that resumes it, not the time it was paused at', () => {
    const { result, rerender } = renderHook(({ active }) => useNow(clock, 500, active), { initialProps: { active: true } });
    rerender({ active: false });
    act(() => {
      vi.advanceTimersByTime(10 * 60_000);
    });
    rerender({ active: true });
    expect(result.current).toBe(Date.now());
  });

  it('ticks at once when the page is shown again, whose timers may have been throttled', () => {
    const { result } = renderHook(() => useNow(clock, 500, true));
    vi.setSystemTime(Date.now() + 60_000); // a hidden tab's interval did not run meanwhile
    act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(result.current).toBe(Date.now());
  });
});
