'use client';

import { useEffect } from 'react';
import type { Profile } from '@/lib/shared/schemas/profile';
import { profile as profileResource } from '@/lib/sync/resources/profile';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { applyTheme } from './theme';

/** Keeps <html> in the profile's theme when it changes on another device or tab (the profile contract). */
export function ThemeSync() {
  const theme = useSyncedQuery<Profile>(useResource(profileResource)).data?.theme;
  useEffect(() => {
    if (theme) applyTheme(theme);
  }, [theme]);
  return null;
}
