import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { changeFeed, type ChangeFeed } from '@/lib/server/platform/changes';
import { config } from '@/lib/server/platform/config';
import { apnsClientFromConfig, type ApnsClient, type ApnsClientOptions } from './apns';
import { systemClock, type PushClock } from './clock';
import { silentPayload } from './payload';
import { PushSender } from './sender';
import { pushChangeOf, PushThrottle, type PushChange } from './throttle';
import { pushScopeOf, pushTokens } from './tokens';

export interface PushFanout {
  /** Resolves when every push started so far has been answered and recorded (tests). */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface PushFanoutOptions extends Pick<ApnsClientOptions, 'connectOptions' | 'reconnect'> {
  clock?: PushClock;
  bus?: ChangeFeed;
  /** Replaces the client built from APNS_* (it is closed on stop either way). */
  client?: ApnsClient;
}

const slot = processSingleton('push-fanout', (): { pushFanout?: PushFanout } => ({}));

/**
 * Subscribes the silent-push fan-out to the change bus (DESIGN.md "The one path of a change"):
 * per user and scope at most one push per PUSH_THROTTLE_MS, to every active token of the user but
 * the one of the device the change came from. Null when APNs is not configured. One per process.
 */
export function startPushFanout(options: PushFanoutOptions = {}): PushFanout | null {
  if (slot.pushFanout) return slot.pushFanout;
  const client = options.client ?? apnsClientFromConfig({ clock: options.clock, connectOptions: options.connectOptions, reconnect: options.reconnect });
  if (!client) return null;
  const { APNS_RETRY_MS, APNS_UNAVAILABLE_BACKOFF_MS, PUSH_THROTTLE_MS } = config();
  const clock = options.clock ?? systemClock;
  const sender = new PushSender({ client, clock, retryMs: APNS_RETRY_MS, unavailableBackoffMs: APNS_UNAVAILABLE_BACKOFF_MS });

  const deliver = async (change: PushChange) => {
    const targets = (await pushTokens().listActive(change.userId)).filter((t) => !change.sourceDeviceId || t.deviceId !== change.sourceDeviceId);
    if (targets.length > 0) await sender.push(change.userId, targets, silentPayload(change.scope, change.hints));
  };
  // The bus calls listeners inside the writer's request: hand off and return at once.
  const throttle = new PushThrottle(PUSH_THROTTLE_MS, clock, (change) => sender.track(deliver(change), 'a silent push'));
  // Local events only: with several nodes each change is pushed once, by the node that made it.
  const unsubscribe = (options.bus ?? changeFeed()).subscribeLocal((event) => {
    const push = pushScopeOf(event);
    if (push) throttle.push(pushChangeOf(event, push.scope), push.wakes);
  });

  const fanout: PushFanout = {
    settled: () => sender.settled(),
    async stop() {
      unsubscribe();
      throttle.dispose();
      sender.stop();
      await sender.settled();
      await client.close();
      if (slot.pushFanout === fanout) slot.pushFanout = undefined;
    },
  };
  slot.pushFanout = fanout;
  return fanout;
}
