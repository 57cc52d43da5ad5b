import 'server-only';
import type { HubExtension } from '@/lib/server/platform/realtime/extensions';
import { logger } from '@/lib/server/platform/log';
import { PhaseTicker } from './phase-ticker';
import { activeTimer } from './service';

/** Every node's hub announces pomodoro phase changes to the streams of the users it serves (decision 013). */
export const phaseTickerExtension: HubExtension = {
  start(hub) {
    const ticker = new PhaseTicker({
      load: (userId) => activeTimer({ userId }),
      send: (userId, event) => hub.broadcast(userId, event, null),
      onError: (err, userId) => logger().warn({ err, userId }, 'reading the active focus session for the phase ticker failed'),
    });
    return {
      onConnections: (userId) => (hub.connectionCount(userId) > 0 ? ticker.watch(userId) : ticker.unwatch(userId)),
      onChange: (change) => {
        const event = change.hints.event;
        if (event?.channel === 'timer') ticker.onTimerEvent(change.userId, event.type, event.payload);
      },
      stop: () => ticker.dispose(),
    };
  },
};
