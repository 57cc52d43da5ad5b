'use client';

import type { ApiKeyCreated, ApiKeyList, ApiKeyView, DeviceList, DeviceRemoved, DeviceView } from '@/lib/shared/schemas/native';
import { useListWrite } from '@/lib/sync/list-write';
import { API_KEYS_URL, apiKeyList, apiKeyUrl, deviceList, deviceUrl } from '@/lib/sync/resources/settings';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/** The API keys section's data: the list and its writes, each followed by a refetch of the list. */
export function useApiKeys() {
  const resource = useResource(apiKeyList);
  const query = useSyncedQuery<ApiKeyList>(resource);
  const create = useListWrite<string, ApiKeyCreated>(resource.queryKey, (label) => ['POST', API_KEYS_URL, { label }]);
  const revoke = useListWrite<string, ApiKeyView>(resource.queryKey, (id) => ['DELETE', apiKeyUrl(id)]);
  return { query, create, revoke };
}

/** The devices section's data: registered devices with last seen and "connected now", rename and remove. */
export function useDevices() {
  const resource = useResource(deviceList);
  const query = useSyncedQuery<DeviceList>(resource);
  const rename = useListWrite<{ id: string; label: string }, DeviceView>(resource.queryKey, ({ id, label }) => ['PATCH', deviceUrl(id), { label }]);
  const remove = useListWrite<string, DeviceRemoved>(resource.queryKey, (id) => ['DELETE', deviceUrl(id)]);
  return { query, rename, remove };
}
