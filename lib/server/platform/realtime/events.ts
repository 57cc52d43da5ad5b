import 'server-only';
import type { ChangeEvent } from '@/lib/shared/events';
import type { SseEvent } from '@/lib/shared/realtime';
import { realtimeExtensions } from './extensions';

/**
 * What a ChangeEvent looks like on the wire (DESIGN.md "Realtime"): the shape its scope's domain
 * registered (tasks: `tasks:changed` with the task hints), a domain event on its own channel (timer,
 * calendar), or the generic `changed {scope}` nudge.
 */
export function toSseEvent(change: ChangeEvent): Omit<SseEvent, 'id'> {
  const base = { sourceDeviceId: change.sourceDeviceId, timestamp: new Date(change.occurredAt).toISOString() };
  const { event, changedScopes } = change.hints;
  const shape = realtimeExtensions().shapes.get(change.scope);
  if (shape) return shape(change, base);
  if (event) {
    const payload = event.targetDeviceId ? { ...(event.payload as object), targetDeviceId: event.targetDeviceId } : event.payload;
    return { ...base, channel: event.channel, type: event.type, payload, changedScopes };
  }
  return { ...base, channel: 'changed', type: 'changed', payload: { scope: change.scope, changedScopes }, changedScopes };
}
