import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionState, connectionText, useBrowserOnline, type ConnectionState } from '@/components/shell/ConnectionIndicator';
import type { RealtimeState } from '@/lib/sync/sse-client';

// What the header's connection indicator says: "Live" only while the browser is online and the
// event stream is open; "Offline" whenever the browser says so; "Reconnecting" otherwise.

const REALTIME: RealtimeState[] = ['connecting', 'live', 'reconnecting', 'polling'];

describe('connectionState', () => {
  it.each<[RealtimeState, boolean, ConnectionState]>([
    ['live', true, 'live'],
    ['live', false, 'offline'],
    ['connecting', true, 'reconnecting'],
    ['reconnecting', true, 'reconnecting'],
    ['polling', true, 'reconnecting'],
    ['connecting', false, 'offline'],
    ['reconnecting', false, 'offline'],
    ['polling', false, 'offline'],
  ])('a %s stream with the browser online=%s is %s', (realtime, online, expected) => {
    expect(connectionState(realtime, online)).toBe(expected);
  });

  it('says live for nothing but an open stream in an online browser', () => {
    const live = REALTIME.flatMap((r) => [true, false].map((online) => [r, online] as const)).filter(([r, online]) => connectionState(r, online) === 'live');
    expect(live).toEqual([['live', true]]);
  });
});

describe('connectionText', () => {
  it('promises kept changes offline on every page, and on the timer says which of its changes wait for the network', () => {
    for (const page of ['/tasks', '/tasks/list-1', '/today', '/habits', '/progress', '/settings', '/focusing-tips'])
      expect(connectionText('offline', page).description).toBe('Offline — changes are kept on this device');
    for (const page of ['/focus', '/focus/history']) {
      expect(connectionText('offline', page).description).toBe(
        'Offline — start, pause and stop are kept on this device; adding time and moving the timer need the network',
      );
    }
  });

  it('labels each state in a word and says what still works', () => {
    expect(connectionText('live', '/today')).toEqual({ label: 'Live', description: 'Live — changes from your other devices appear instantly' });
    expect(connectionText('reconnecting', '/today')).toEqual({
      label: 'Reconnecting',
      description: 'Reconnecting — pages still refresh on their own schedule',
    });
    expect(connectionText('offline', '/today').label).toBe('Offline');
  });
});

describe('useBrowserOnline', () => {
  const setOnline = (online: boolean) => Object.defineProperty(navigator, 'onLine', { value: online, configurable: true });

  afterEach(() => {
    delete (navigator as { onLine?: boolean }).onLine;
  });

  it('follows the offline and online events', () => {
    setOnline(true);
    const { result } = renderHook(() => useBrowserOnline());
    expect(result.current).toBe(true);
    act(() => {
      setOnline(false);
      window.dispatchEvent(new Event('offline'));
    });
    expect(result.current).toBe(false);
    act(() => {
      setOnline(true);
      window.dispatchEvent(new Event('online'));
    });
    expect(result.current).toBe(true);
  });

  it('starts offline when the browser already is', () => {
    setOnline(false);
    expect(renderHook(() => useBrowserOnline()).result.current).toBe(false);
  });
});
