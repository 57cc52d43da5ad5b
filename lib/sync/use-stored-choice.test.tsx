import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useStoredChoice } from './use-stored-choice';

const SORTS = ['manual', 'priority', 'due'] as const;
type Sort = (typeof SORTS)[number];
const KEY = 'pos:tasks-sort:user-1';
const useSort = () => useStoredChoice<Sort>(KEY, SORTS, 'manual');
const use = () => renderHook(useSort);

afterEach(() => localStorage.clear());

describe('useStoredChoice', () => {
  it('starts at the fallback, remembers a choice for the next page load, and shows it in every view at once', () => {
    const first = use();
    const second = use();
    expect(first.result.current[0]).toBe('manual');
    act(() => first.result.current[1]('priority'));
    expect(first.result.current[0]).toBe('priority');
    expect(second.result.current[0]).toBe('priority');
    first.unmount();
    second.unmount();
    expect(use().result.current[0]).toBe('priority');
  });

  it("follows another tab's choice (a storage event) and ignores a stored value it does not offer", () => {
    const view = use();
    act(() => {
      localStorage.setItem(KEY, 'due');
      window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: 'due' }));
    });
    expect(view.result.current[0]).toBe('due');
    act(() => {
      localStorage.setItem(KEY, 'alphabetical');
      window.dispatchEvent(new StorageEvent('storage', { key: KEY, newValue: 'alphabetical' }));
    });
    expect(view.result.current[0]).toBe('manual');
  });
});
