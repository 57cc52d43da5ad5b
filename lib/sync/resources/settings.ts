import type { DeviceTokenList } from '@/lib/shared/schemas/device-tokens';
import type { ApiKeyList, DeviceList } from '@/lib/shared/schemas/native';
import type { SessionList } from '@/lib/shared/schemas/sessions';
import { defineResource, itemUrl } from './resource';

export const API_KEYS_URL = '/api/api-keys';
export const DEVICES_URL = '/api/devices';

export const apiKeyList = defineResource<ApiKeyList>({ key: ['settings', 'api-keys'], url: () => API_KEYS_URL, contract: 'api-keys', scopes: ['devices'] });
export const deviceList = defineResource<DeviceList>({ key: ['settings', 'devices'], url: () => DEVICES_URL, contract: 'devices', scopes: ['devices'] });
export const SESSIONS_URL = '/api/me/sessions';
export const sessionList = defineResource<SessionList>({ key: ['settings', 'sessions'], url: () => SESSIONS_URL, contract: 'sessions', scopes: ['devices'] });
export const deviceTokenList = defineResource<DeviceTokenList>({
  key: ['device-tokens', 'list'],
  url: () => '/api/device-tokens',
  contract: 'device-tokens',
  scopes: ['devices'],
});

export const apiKeyUrl = (id: string) => itemUrl(API_KEYS_URL, id);
export const deviceUrl = (id: string) => itemUrl(DEVICES_URL, id);
export const sessionUrl = (id: string) => itemUrl(SESSIONS_URL, id);
