import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useTabTitle } from './useTabTitle';

afterEach(() => {
  document.title = '';
});

describe('useTabTitle', () => {
  it('shows the timer while it runs and gives the page its own title back after', () => {
    document.title = 'Focus · Passion OS';
    const { rerender, unmount } = renderHook(({ text }) => useTabTitle(text), { initialProps: { text: '12:34 · Focus' as string | null } });
    expect(document.title).toBe('12:34 · Focus');
    rerender({ text: "Time's up" });
    expect(document.title).toBe("Time's up");
    rerender({ text: null });
    expect(document.title).toBe('Focus · Passion OS');
    rerender({ text: '0:59 · Focus' });
    unmount();
    expect(document.title).toBe('Focus · Passion OS');
  });

  it('keeps the title a navigation set meanwhile, and gives that one back', () => {
    document.title = 'Focus · Passion OS';
    const { rerender } = renderHook(({ text }) => useTabTitle(text), { initialProps: { text: '12:34 · Focus' as string | null } });
    document.title = 'Today · Passion OS'; // the next page's metadata
    rerender({ text: '12:33 · Focus' });
    expect(document.title).toBe('12:33 · Focus');
    rerender({ text: null });
    expect(document.title).toBe('Today · Passion OS');
  });
});
