import type { Profile } from '@/lib/shared/schemas/profile';
import { defineResource } from './resource';

export const PROFILE_URL = '/api/me';

/** One query for the header's name, Settings' profile form and the time zone Tasks and Today count in: a saved change shows everywhere at once. */
export const profile = defineResource<Profile>({ key: ['profile'], url: () => PROFILE_URL, contract: 'profile', scopes: ['profile'] });
