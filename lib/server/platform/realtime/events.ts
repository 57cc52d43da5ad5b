import 'server-only';
import type { ChangeEvent } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';

/**
 * What a ChangeEvent looks like on the wire (DESIGN.md "Realtime"): a domain event on its own
 * channel (timer, calendar), `tasks:changed` with the task hints, or `changed {scope}` otherwise.
 */
export function toSseEvent(change: ChangeEvent): Omit<SseEvent, 'id'> {
  const base = { sourceDeviceId: change.sourceDeviceId, timestamp: new Date(change.occurredAt).toISOString() };
  const { event, changedScopes, todayCountChanged, updatedTaskIds } = change.hints;
  if (change.scope === 'tasks') {
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
  }
  if (event) {
    const payload = event.targetDeviceId ? { ...(event.payload as object), targetDeviceId: event.targetDeviceId } : event.payload;
    return { ...base, channel: event.channel, type: event.type, payload, changedScopes };
  }
  return { ...base, channel: 'changed', type: 'changed', payload: { scope: change.scope, changedScopes }, changedScopes };
}
