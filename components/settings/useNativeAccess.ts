'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { ApiKeyCreated, ApiKeyList, ApiKeyView, DeviceList, DeviceRemoved, DeviceView } from '@/lib/shared/schemas/native';
import { sendJson } from '@/lib/sync/api';
import { useSyncEnv } from '@/lib/sync/provider';
import { API_KEYS_URL, apiKeyUrl, DEVICES_URL, deviceUrl, SETTINGS_REFRESH_KEY, settingsKeys } from '@/lib/sync/queries/settings';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/** The API keys section's data: the list and its writes, each followed by a refetch of the list. */
export function useApiKeys() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const queryKey = useMemo(() => settingsKeys.apiKeys(userId), [userId]);
  const query = useSyncedQuery<ApiKeyList>({ refreshKey: SETTINGS_REFRESH_KEY, queryKey, url: API_KEYS_URL });
  const reconcile = () => client.invalidateQueries({ queryKey, exact: true });
  const create = useMutation({
    mutationFn: (label: string) => sendJson<ApiKeyCreated>('POST', API_KEYS_URL, deviceId, { label }),
    onSuccess: reconcile,
  });
  const revoke = useMutation({
    mutationFn: (id: string) => sendJson<ApiKeyView>('DELETE', apiKeyUrl(id), deviceId),
    onSuccess: reconcile,
  });
  return { query, create, revoke };
}

/** The devices section's data: registered devices with last seen and "connected now", rename and remove. */
export function useDevices() {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const queryKey = useMemo(() => settingsKeys.devices(userId), [userId]);
  const query = useSyncedQuery<DeviceList>({ refreshKey: SETTINGS_REFRESH_KEY, queryKey, url: DEVICES_URL });
  const reconcile = () => client.invalidateQueries({ queryKey, exact: true });
  const rename = useMutation({
    mutationFn: ({ id, label }: { id: string; label: string }) => sendJson<DeviceView>('PATCH', deviceUrl(id), deviceId, { label }),
    onSuccess: reconcile,
  });
  const remove = useMutation({
    mutationFn: (id: string) => sendJson<DeviceRemoved>('DELETE', deviceUrl(id), deviceId),
    onSuccess: reconcile,
  });
  return { query, rename, remove };
}
