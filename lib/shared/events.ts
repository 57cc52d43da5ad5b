/** The scopes a write can touch; GET ETags and change events are keyed by them. */
export const SCOPES = ['profile', 'terms', 'focus', 'plan', 'planner', 'tasks', 'quests', 'habits', 'progress', 'books', 'mood', 'admin', 'devices'] as const;
export type Scope = (typeof SCOPES)[number];

export interface ChangeHints {
  /** Every scope the write touched (the event's own scope first). */
  changedScopes: Scope[];
  todayCountChanged?: boolean;
  /** The user's count of tasks due today after the change (badge hint for silent pushes). */
  todayCount?: number;
  updatedTaskIds?: string[];
  /** A domain event for a realtime channel, e.g. `{type: 'started', payload}` on `timer`. */
  event?: { channel: string; type: string; payload: unknown; targetDeviceId?: string };
  /** A browser session was signed out: streams opened with it close on every node. */
  sessionEnded?: string;
}

/** Published once on the change bus after a write commits (DESIGN.md, "The one path of a change"). */
export interface ChangeEvent {
  userId: string;
  scope: Scope;
  hints: ChangeHints;
  sourceDeviceId: string | null;
  occurredAt: number;
}
