import { describe, expect, it } from 'vitest';
import type { FocusActive, FocusSessionView } from '@/lib/shared/focus';
import type { SseEvent, TimerEventPayload } from '@/lib/shared/realtime';
import { focusActiveFromTimerEvent } from './timer-events';

const view: FocusSessionView = {
  id: 's1',
  taskTitle: null,
  mode: 'pomodoro',
  plannedMinutes: 50,
  pomodoro: { focusMinutes: 25, shortBreakMinutes: 5, longBreakMinutes: 15, cyclesBeforeLongBreak: 4 },
  status: 'running',
  startedAt: 1_000,
  pausedAt: null,
  pausedTotalMs: 0,
  deviceId: 'web-a',
  updatedAt: 1_000,
};
const payload: TimerEventPayload = {
  ...view,
  memoId: 's1',
  plannedEndTime: 3_001_000,
  pomodoroState: { phase: 'focus', phaseIndex: 0, cycle: 0, phaseEndsAt: 1_501_000 },
  deviceName: 'Chrome on macOS',
  serverTime: 5_000,
  targetDeviceId: 'web-b',
};
const event = (type: string, p: unknown, extra: Partial<SseEvent> = {}): SseEvent => ({
  id: '1',
  channel: 'timer',
  type,
  payload: p,
  sourceDeviceId: 'web-a',
  timestamp: '',
  changedScopes: ['focus'],
  ...extra,
});
const shown = (session: FocusSessionView | null, serverTime: number): FocusActive => ({ session, serverTime });

describe('focusActiveFromTimerEvent', () => {
  it.each(['started', 'moved', 'updated'])('turns %s into the session view alone, with the event’s server time', (type) => {
    expect(focusActiveFromTimerEvent(event(type, payload), shown(null, 4_000))).toEqual({ session: view, serverTime: 5_000 });
    const applied = focusActiveFromTimerEvent(event(type, payload), undefined) as FocusActive;
    expect(Object.keys(applied.session!).sort()).toEqual(Object.keys(view).sort());
  });

  it('turns stopped of the shown session into no session', () => {
    expect(focusActiveFromTimerEvent(event('stopped', { id: 's1', completed: true, serverTime: 6_000 }), shown(view, 5_000))).toEqual({
      session: null,
      serverTime: 6_000,
    });
  });

  it('refetches when stopped names a session other than the shown one', () => {
    expect(focusActiveFromTimerEvent(event('stopped', { id: 's0', completed: false, serverTime: 6_000 }), shown(view, 5_000))).toBe('refetch');
  });

  it('refetches an event older than the data shown (replayed, or overtaken by a poll)', () => {
    expect(focusActiveFromTimerEvent(event('updated', payload), shown(view, 5_001))).toBe('refetch');
  });

  it('refetches an event the throttle merged from several changes', () => {
    expect(focusActiveFromTimerEvent(event('updated', payload, { merged: 2 }), shown(null, 0))).toBe('refetch');
  });

  it.each([
    ['a missing server time', { ...payload, serverTime: undefined }],
    ['an unknown status', { ...payload, status: 'exploded' }],
    ['a broken pomodoro', { ...payload, pomodoro: { focusMinutes: 25 } }],
    ['a string', 'started'],
  ])('refetches a payload with %s', (_name, p) => {
    expect(focusActiveFromTimerEvent(event('started', p), undefined)).toBe('refetch');
  });

  it('carries a session that completed itself into the shown state, so the user can be told', () => {
    const record = {
      id: 's1',
      taskTitle: 'Write',
      mode: 'focus',
      plannedMinutes: 25,
      startedAt: 1_000,
      endedAt: 1_501_000,
      completed: true,
      focusMs: 1_500_000,
    };
    expect(
      focusActiveFromTimerEvent(
        event('stopped', { id: 's1', completed: true, serverTime: 6_000, completedItself: record }, { sourceDeviceId: null }),
        shown(view, 5_000),
      ),
    ).toEqual({ session: null, serverTime: 6_000, completedItself: record });
    expect(
      focusActiveFromTimerEvent(event('stopped', { id: 's1', completed: true, serverTime: 6_000, completedItself: { id: 's1' } }), shown(view, 5_000)),
    ).toBe('refetch');
  });

  it('keeps the skipped break and the grace of a newer server’s payload', () => {
    const applied = focusActiveFromTimerEvent(event('updated', { ...payload, skippedBreakMs: 120_000, graceMinutes: 10 }), undefined) as FocusActive;
    expect(applied.session).toEqual({ ...view, skippedBreakMs: 120_000, graceMinutes: 10 });
    expect(focusActiveFromTimerEvent(event('updated', { ...payload, graceMinutes: 'soon' }), undefined)).toBe('refetch');
  });
});
