import type { Scope } from './events';
import type { FocusPhase, FocusSessionView } from './focus';

/** One server-sent event as the browser receives it (`data:` of the SSE frame). */
export interface SseEvent {
  id: string;
  channel: 'timer' | 'calendar' | 'tasks' | 'changed' | 'resync' | string;
  type: string;
  payload: unknown;
  sourceDeviceId: string | null;
  /** ISO time the change happened. */
  timestamp: string;
  /** Scopes whose queries the event makes stale (every tab invalidates them). */
  changedScopes: Scope[];
  /** Set when the throttle folded several changes into this event. */
  merged?: number;
}

export interface ConnectedDevice {
  deviceId: string;
  label: string;
  connectedAt: number;
}

/** Seed 003's `pomodoroState`: the phase running now and when it ends (server ms; null while paused). */
export interface PomodoroState {
  phase: FocusPhase;
  phaseIndex: number;
  cycle: number;
  phaseEndsAt: number | null;
}

/**
 * Payload of `timer:started`, `timer:moved` and `timer:updated` (pause, resume, pomodoro phase
 * change): the whole session view, so a device can apply it without a refetch, plus seed 003's
 * fields. `serverTime` is the server clock when the event was built.
 */
export interface TimerEventPayload extends FocusSessionView {
  memoId: string;
  /** Server ms when the session ends if it keeps running; null while paused. */
  plannedEndTime: number | null;
  pomodoroState: PomodoroState | null;
  /** Label of the device running the timer, when known. */
  deviceName: string | null;
  serverTime: number;
  /** Only on `timer:moved`. */
  targetDeviceId?: string;
}

/** Payload of `timer:stopped`. */
export interface TimerStoppedPayload {
  id: string;
  completed: boolean;
  serverTime: number;
}
