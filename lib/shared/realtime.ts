import type { Scope } from './events';

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
