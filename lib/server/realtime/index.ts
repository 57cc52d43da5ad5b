import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '@/lib/shared/events';
import { getBus } from '../changes/bus';
import { config } from '../config';
import { toSseEvent } from './events';
import { SseHub } from './hub';
import { ChangeThrottle } from './throttle';

export { SseHub } from './hub';

const slot = globalThis as unknown as { __passionHub?: SseHub };

/** Hands one (possibly merged) change to the hub as its SSE event. */
function deliver(hub: SseHub, change: ChangeEvent, merged: number): void {
  const event = toSseEvent(change);
  hub.broadcast(change.userId, merged > 1 ? { ...event, merged } : event, change.sourceDeviceId);
}

/**
 * This node's SSE hub, subscribed to the change bus: domain services only publish ChangeEvents,
 * the hub turns them into throttled SSE events for every connected device of the user.
 */
export function getHub(): SseHub {
  if (slot.__passionHub) return slot.__passionHub;
  const { SSE_THROTTLE_MS, SSE_HEARTBEAT_MS } = config();
  const hub = new SseHub({ nodeId: randomUUID().slice(0, 8), heartbeatMs: SSE_HEARTBEAT_MS });
  const throttle = new ChangeThrottle(SSE_THROTTLE_MS, (change, merged) => deliver(hub, change, merged));
  getBus().subscribeAll((change) => {
    if (change.hints.sessionEnded) hub.endSession(change.userId, change.hints.sessionEnded);
    else throttle.push(change);
  });
  slot.__passionHub = hub;
  return hub;
}

/** The hub if this node has started one: /api/metrics reads it without subscribing a new one. */
export function startedHub(): SseHub | undefined {
  return slot.__passionHub;
}

/** Tests start each case with a fresh hub. */
export function resetHubForTests(): void {
  slot.__passionHub?.close();
  slot.__passionHub = undefined;
}
