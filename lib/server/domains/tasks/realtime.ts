import 'server-only';
import type { SseShape } from '@/lib/server/platform/realtime/extensions';

/** Seed 000's `tasks:changed` event: the task hints travel with it, so a client knows what moved. */
export const tasksSseShape: SseShape = (change, base) => {
  const { changedScopes, todayCountChanged, updatedTaskIds } = change.hints;
  return {
    ...base,
    channel: 'tasks',
    type: 'changed',
    payload: {
      scope: 'tasks',
      hints: { todayCountChanged: todayCountChanged ?? false, changedScopes, updatedTaskIds: updatedTaskIds ?? [] },
      occurredAt: change.occurredAt,
    },
    changedScopes,
  };
};
