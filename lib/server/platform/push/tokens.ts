import 'server-only';
import type { ChangeEvent, Scope } from '@/lib/shared/events';
import type { DeviceTokenPlatform, PushEnvironment } from '@/lib/shared/schemas/device-tokens';
import { processSingleton } from '@/lib/server/platform/process';

// The push transport (APNs, throttle, retries) is the platform's; which tokens exist and which changes
// are worth waking a sleeping device for are domains' (push-tokens, tasks), registered at start-up.

/** What the push fan-out needs of an active token. */
export interface ActiveDeviceToken {
  id: string;
  userId: string;
  token: string;
  platform: DeviceTokenPlatform;
  environment: PushEnvironment;
  registeredAt: number;
  /** The device the token wakes, when the client said so at registration. */
  deviceId: string | null;
}

/** The outcome of one push to one token, written on its row. */
export interface PushRecord {
  tokenId: string;
  outcome: string;
  error: string | null;
  at: number;
  /** The request reached APNs (counts in push_count and last_push_at); false when refused locally. */
  attempted: boolean;
  /** Disables the token unless it was (re-)registered at or after `registeredBefore`. */
  disable?: { reason: string; registeredBefore: number };
}

/** Where the tokens live (domains/push-tokens). */
export interface PushTokenStore {
  listActive(userId: string, platform?: DeviceTokenPlatform): Promise<ActiveDeviceToken[]>;
  recordOutcomes(userId: string, records: readonly PushRecord[]): Promise<void>;
}

/**
 * Whether a change to a scope must wake the user's sleeping devices (seed 000: what their badge and
 * widgets show). A change that does not is still merged into a push already due in its window.
 */
export type PushTrigger = (event: ChangeEvent) => boolean;

interface PushRegistry {
  store: PushTokenStore | null;
  triggers: Map<Scope, PushTrigger>;
}

const registry = () => processSingleton<PushRegistry>('push-registry', () => ({ store: null, triggers: new Map() }));

export function registerPushTokenStore(store: PushTokenStore): void {
  registry().store = store;
}

export function registerPushTrigger(scope: Scope, trigger: PushTrigger): void {
  registry().triggers.set(scope, trigger);
}

export function pushTokens(): PushTokenStore {
  const store = registry().store;
  if (!store) throw new Error('No push token store registered: call startRuntime() (lib/server/runtime.ts) first');
  return store;
}

/** The push scope a change touches, if any, and whether it wakes devices on its own. */
export function pushScopeOf(event: ChangeEvent): { scope: Scope; wakes: boolean } | undefined {
  if (event.hints.sessionEnded) return undefined;
  for (const [scope, trigger] of registry().triggers) {
    if (event.scope === scope || event.hints.changedScopes.includes(scope)) return { scope, wakes: trigger(event) };
  }
  return undefined;
}
