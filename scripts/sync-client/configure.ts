import type { SyncApi } from './api';
import { UsageError } from './edits';
import type { LocalStore } from './store';

export interface ConfigureInput {
  server: string;
  apiKey: string;
  deviceLabel: string;
  platform: string;
}

/**
 * Registers this client as a device of the key's account and points the store at it. A store
 * that holds another account's records is refused: mixing two accounts' data cannot be undone.
 */
export async function configureClient(store: LocalStore, api: SyncApi, input: ConfigureInput) {
  const me = await api.whoAmI();
  const previous = await store.state();
  if (previous && previous.userId !== me.id && (await store.counts()).records > 0) {
    throw new UsageError(`This database holds another account's records; use another --db for ${me.email}`);
  }
  const device = await api.registerDevice(input.deviceLabel, input.platform);
  await store.configure({ server: input.server, apiKey: input.apiKey, deviceId: device.id, userId: me.id });
  return { email: me.email, device };
}
