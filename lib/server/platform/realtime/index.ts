import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '@/lib/shared/events';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import { changeFeed } from '@/lib/server/platform/changes';
import { config } from '@/lib/server/platform/config';
import { toSseEvent } from './events';
import { realtimeExtensions } from './extensions';
import { SseHub } from './hub';
import { getPresence, resetPresenceForTests } from './presence';
import { parseEndedHint } from './revocation';
import { ChangeThrottle } from './throttle';

export { SseHub } from './hub';

const slot = processSingleton('hub', (): { hub?: SseHub; hubStop?: () => void } => ({}));

/** Hands one (possibly merged) change to the hub as its SSE event. */
function deliver(hub: SseHub, change: ChangeEvent, merged: number): void {
  const event = toSseEvent(change);
  hub.broadcast(change.userId, merged > 1 ? { ...event, merged } : event, change.sourceDeviceId);
}

/**
 * This node's SSE hub, subscribed to the change bus: domain services only publish ChangeEvents,
 * the hub turns them into throttled SSE events for every connected device of the user, closes
 * the streams of ended credentials, and starts what domains add to it (extensions.ts).
 */
export function getHub(): SseHub {
  if (slot.hub) return slot.hub;
  const { SSE_THROTTLE_MS, SSE_HEARTBEAT_MS } = config();
  const hub = new SseHub({ nodeId: randomUUID().slice(0, 8), heartbeatMs: SSE_HEARTBEAT_MS, presence: getPresence() });
  const throttle = new ChangeThrottle(SSE_THROTTLE_MS, (change, merged) => deliver(hub, change, merged));
  const extensions = [...realtimeExtensions().hub.values()].map((e) => e.start(hub));
  const offConnections = hub.onConnectionsChange((userId) => extensions.forEach((e) => e.onConnections?.(userId)));
  const offBus = changeFeed().subscribeAll((change) => {
    const { sessionEnded } = change.hints;
    if (sessionEnded) hub.end(change.userId, parseEndedHint(sessionEnded));
    extensions.forEach((e) => e.onChange?.(change));
    // A sign-out changes no data (no scopes); a revocation is also a write whose scopes are nudged.
    if (!sessionEnded || change.hints.changedScopes.length > 0) throttle.push(change);
  });
  slot.hub = hub;
  slot.hubStop = () => {
    offBus();
    offConnections();
    extensions.forEach((e) => e.stop());
    throttle.dispose();
    hub.close();
  };
  return hub;
}

/** The hub if this node has started one: /api/metrics reads it without subscribing a new one. */
export function startedHub(): SseHub | undefined {
  return slot.hub;
}

/** The user's devices with a live stream on any node (the presence store). */
export function connectedDevices(userId: string): Promise<ConnectedDevice[]> {
  return getPresence().devices(userId);
}

/** Tests start each case with a fresh hub. */
export function resetHubForTests(): void {
  slot.hubStop?.();
  slot.hub = undefined;
  slot.hubStop = undefined;
  resetPresenceForTests();
}
