'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Profile, Theme } from '@/lib/shared/schemas/profile';
import { sendJson } from '@/lib/sync/api';
import { hashQueryKey } from '@/lib/sync/env';
import { useSyncEnv } from '@/lib/sync/provider';
import { relayToTabs } from '@/lib/sync/query-sync';
import { PROFILE_URL, profile as profileResource } from '@/lib/sync/resources/profile';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { SegmentedChoice } from '../shell/SegmentedChoice';
import { THEMES, applyTheme } from './theme';

/**
 * Light, Dark or System, part of the profile: applied here at once, saved, handed to this browser's
 * other tabs with the server's reply, and to the user's other devices by the profile's nudge.
 */
export function ThemeChoice() {
  const env = useSyncEnv();
  const client = useQueryClient();
  const resource = useResource(profileResource);
  const { queryKey } = resource;
  const profile = useSyncedQuery(resource);
  const save = useMutation({
    mutationFn: (theme: Theme) => sendJson<Profile>('PATCH', PROFILE_URL, env.deviceId, { theme }),
    onMutate: (theme) => {
      const before = client.getQueryData<Profile>(queryKey);
      if (before) client.setQueryData<Profile>(queryKey, { ...before, theme });
      applyTheme(theme);
      return before;
    },
    onSuccess: (next) => {
      client.setQueryData(queryKey, next);
      relayToTabs(env, hashQueryKey(queryKey), next);
    },
    onError: (_error, _theme, before) => {
      if (!before) return;
      client.setQueryData(queryKey, before);
      applyTheme(before.theme);
    },
  });
  const current = profile.data?.theme;

  return (
    <section className="card space-y-3" aria-labelledby="appearance-title">
      <h2 id="appearance-title" className="text-lg font-semibold">
        Appearance
      </h2>
      <fieldset>
        <legend className="label">Theme</legend>
        <SegmentedChoice options={THEMES} value={current} onChange={(theme) => save.mutate(theme)} label="Theme" disabled={!current} testId="theme-choice" />
      </fieldset>
      <p className="text-sm text-stone-600">System follows this device&apos;s setting. The choice applies on all your devices.</p>
      {save.isError ? (
        <p role="alert" className="text-sm text-red-700">
          The theme could not be saved: {save.error.message}
        </p>
      ) : null}
    </section>
  );
}
