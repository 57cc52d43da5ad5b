import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ChangeEvent } from '@/lib/shared/events';
import type { ConnectedDevice } from '@/lib/shared/realtime';
import { getBus } from '@/lib/server/platform/changes/bus';
import { config } from '@/lib/server/platform/config';
import { activeTimer } from '@/lib/server/domains/focus/service';
import { logger } from '@/lib/server/platform/log';
import { toSseEvent } from './events';
import { SseHub } from './hub';
import { PhaseTicker } from '@/lib/server/domains/focus/phase-ticker';
import { getPresence, resetPresenceForTests } from './presence';
import { parseEndedHint } from './revocation';
import { ChangeThrottle } from './throttle';

export { SseHub } from './hub';

const slot = globalThis as unknown as { __passionHub?: SseHub; __passionHubStop?: () => void };

/** Hands one (possibly merged) change to the hub as its SSE event. */
function deliver(hub: SseHub, change: ChangeEvent, merged: number): void {
  const event = toSseEvent(change);
  hub.broadcast(change.userId, merged > 1 ? { ...event, merged } : event, change.sourceDeviceId);
}

/**
 * This node's SSE hub, subscribed to the change bus: domain services only publish ChangeEvents,
 * the hub turns them into throttled SSE events for every connected device of the user, closes
 * the streams of ended credentials, and announces pomodoro phase changes (the phase ticker).
 */
export function getHub(): SseHub {
  if (slot.__passionHub) return slot.__passionHub;
  const { SSE_THROTTLE_MS, SSE_HEARTBEAT_MS } = config();
  const hub = new SseHub({ nodeId: randomUUID().slice(0, 8), heartbeatMs: SSE_HEARTBEAT_MS, presence: getPresence() });
  const throttle = new ChangeThrottle(SSE_THROTTLE_MS, (change, merged) => deliver(hub, change, merged));
  const ticker = new PhaseTicker({
    load: (userId) => activeTimer({ userId }),
    send: (userId, event) => hub.broadcast(userId, event, null),
    onError: (err, userId) => logger().warn({ err, userId }, 'reading the active focus session for the phase ticker failed'),
  });
  const offConnections = hub.onConnectionsChange((userId) => (hub.connectionCount(userId) > 0 ? ticker.watch(userId) : ticker.unwatch(userId)));
  const offBus = getBus().subscribeAll((change) => {
    const { sessionEnded, event } = change.hints;
    if (sessionEnded) hub.end(change.userId, parseEndedHint(sessionEnded));
    if (event?.channel === 'timer') ticker.onTimerEvent(change.userId, event.type, event.payload);
    // A sign-out changes no data (no scopes); a revocation is also a write whose scopes are nudged.
    if (!sessionEnded || change.hints.changedScopes.length > 0) throttle.push(change);
  });
  slot.__passionHub = hub;
  slot.__passionHubStop = () => {
    offBus();
    offConnections();
    ticker.dispose();
    throttle.dispose();
    hub.close();
  };
  return hub;
}

/** The hub if this node has started one: /api/metrics reads it without subscribing a new one. */
export function startedHub(): SseHub | undefined {
  return slot.__passionHub;
}

/** The user's devices with a live stream on any node (the presence store). */
export function connectedDevices(userId: string): Promise<ConnectedDevice[]> {
  return getPresence().devices(userId);
}

/** Tests start each case with a fresh hub. */
export function resetHubForTests(): void {
  slot.__passionHubStop?.();
  slot.__passionHub = undefined;
  slot.__passionHubStop = undefined;
  resetPresenceForTests();
}
