import 'server-only';
import { registerSyncEntities } from '@/lib/server/platform/records-sync/registry';
import { registerHubExtension, registerSseShape, registerStreamAdmission } from '@/lib/server/platform/realtime/extensions';
import { registerPushTokenStore, registerPushTrigger } from '@/lib/server/platform/push/tokens';
import { bookSyncEntities } from './books/sync';
import { checkStreamDevice } from './devices/devices';
import { phaseTickerExtension } from './focus/realtime';
import { focusSyncEntities } from './focus/sync';
import { habitSyncEntities } from './habits/sync';
import { moodSyncEntities } from './mood/sync';
import { plannerSyncEntities } from './planner/sync';
import { pushTokenStore } from './push-tokens/device-tokens';
import { questSyncEntities } from './quests/sync';
import { tasksSseShape } from './tasks/realtime';
import { tasksPushTrigger } from './tasks/push';

/**
 * Plugs every domain into the platform (which never imports a domain): the entity types of native
 * record sync, what realtime adds for focus and tasks, the device check of streams, and the push
 * token store and triggers. Idempotent: registering again replaces each entry.
 */
export function registerDomains(): void {
  registerSyncEntities(...habitSyncEntities, ...bookSyncEntities, ...questSyncEntities, ...plannerSyncEntities, ...focusSyncEntities, ...moodSyncEntities);
  registerHubExtension('focus-phase-ticker', phaseTickerExtension);
  registerStreamAdmission('registered-device', checkStreamDevice);
  registerSseShape('tasks', tasksSseShape);
  registerPushTokenStore(pushTokenStore);
  registerPushTrigger('tasks', tasksPushTrigger);
}
