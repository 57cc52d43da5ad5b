import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOCUS_SETTINGS, graceMinutesOf, readFocusSettings, useFocusSettings, type FocusSettings } from './settings';

/** What the browser does in this tab when another tab of the origin writes localStorage. */
function writeFromAnotherTab(key: string, value: string) {
  localStorage.setItem(key, value);
  window.dispatchEvent(new StorageEvent('storage', { key, newValue: value, storageArea: localStorage }));
}

describe('useFocusSettings across tabs', () => {
  it('shows settings another tab saved as soon as its storage event arrives', () => {
    const { result } = renderHook(() => useFocusSettings('u1'));
    expect(result.current[0]).toEqual(DEFAULT_FOCUS_SETTINGS);
    const next: FocusSettings = { mode: 'focus', plannedMinutes: 90, pomodoro: DEFAULT_FOCUS_SETTINGS.pomodoro };
    act(() => writeFromAnotherTab('pos:focus-settings:u1', JSON.stringify(next)));
    expect(result.current[0]).toEqual(next);
  });

  it('saves to localStorage, where the other tabs read it', () => {
    const { result } = renderHook(() => useFocusSettings('u1'));
    act(() => result.current[1]({ ...DEFAULT_FOCUS_SETTINGS, plannedMinutes: 15 }));
    expect(JSON.parse(localStorage.getItem('pos:focus-settings:u1')!)).toMatchObject({ plannedMinutes: 15 });
    expect(result.current[0].plannedMinutes).toBe(15);
  });

  it('keeps each user’s settings apart and falls back to the defaults on a corrupt value', () => {
    const { result } = renderHook(() => useFocusSettings('u1'));
    act(() => writeFromAnotherTab('pos:focus-settings:u2', JSON.stringify({ ...DEFAULT_FOCUS_SETTINGS, plannedMinutes: 5 })));
    expect(result.current[0]).toEqual(DEFAULT_FOCUS_SETTINGS);
    act(() => writeFromAnotherTab('pos:focus-settings:u1', '{not json'));
    expect(result.current[0]).toEqual(DEFAULT_FOCUS_SETTINGS);
  });

  it('keeps the chime mute and the grace with the other timer settings: 15 minutes and a chime unless set', () => {
    const { result } = renderHook(() => useFocusSettings('u3'));
    expect(graceMinutesOf(result.current[0])).toBe(15);
    expect(result.current[0].muted).toBeFalsy();
    act(() => writeFromAnotherTab('pos:focus-settings:u3', JSON.stringify({ ...DEFAULT_FOCUS_SETTINGS, muted: true, graceMinutes: 5 })));
    expect(result.current[0]).toMatchObject({ muted: true, graceMinutes: 5 });
    expect(readFocusSettings('u3')).toMatchObject({ muted: true, graceMinutes: 5 });
  });
});
