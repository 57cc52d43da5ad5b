'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import type { Profile } from '@/lib/shared/schemas/profile';
import { sendJson } from '@/lib/sync/api';
import { useSyncEnv } from '@/lib/sync/provider';
import { isQueuedOffline } from '@/lib/sync/outbox';
import { PROFILE_URL, profile as profileResource } from '@/lib/sync/resources/profile';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';
import { WaitingToSend } from '../shell/WaitingToSend';
import { LabelledControl, Notice } from '../forms/LabelledControl';
import { TimeZoneField } from './TimeZoneField';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';
import { useAppSession } from '../auth/SessionState';

export function ProfileForm() {
  const { update } = useAppSession();
  const { deviceId } = useSyncEnv();
  const client = useQueryClient();
  const zones = useMemo(() => (typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC']), []);
  // The same query (key and contract) as the user's time zone that Tasks and Today read.
  const resource = useResource(profileResource);
  const { queryKey } = resource;
  const profile = useSyncedQuery(resource);
  const [saved, setSaved] = useState(false);
  const save = useMutation({
    mutationFn: (patch: { name: string; timezone: string }) => sendJson<Profile>('PATCH', PROFILE_URL, deviceId, patch),
    onSuccess: async (next) => {
      client.setQueryData(queryKey, next);
      setSaved(true);
      await update();
    },
    // Kept offline (the outbox): shown now, sent when the browser is back online.
    onError: (error, patch) => {
      const before = client.getQueryData<Profile>(queryKey);
      if (isQueuedOffline(error) && before) client.setQueryData<Profile>(queryKey, { ...before, ...patch });
    },
  });

  if (!isLoaded(profile)) return <QueryFallback query={profile} skeleton={<div className="card h-40 animate-pulse" aria-busy="true" />} what="your profile" />;

  const p = profile.data;
  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setSaved(false);
    save.mutate({ name: String(form.get('name')), timezone: String(form.get('timezone')) });
  }

  return (
    <form onSubmit={onSubmit} className="card space-y-4" key={p.updatedAt}>
      <h2 className="text-lg font-semibold">Profile</h2>
      <div>
        <span className="label">Email</span>
        <p className="text-sm text-stone-700" data-testid="profile-email">
          {p.email}
        </p>
      </div>
      <LabelledControl id="name" label="Name">
        <input id="name" name="name" defaultValue={p.name} required maxLength={100} className="input" />
      </LabelledControl>
      <TimeZoneField zones={zones} current={p.timezone} />
      <Notice role="alert" className="text-sm text-red-600">
        {save.error && !isQueuedOffline(save.error) ? save.error.message : null}
      </Notice>
      <WaitingToSend url={PROFILE_URL} />
      <Notice role="status" className="text-sm text-green-700">
        {saved ? 'Saved.' : null}
      </Notice>
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {save.isPending ? 'Saving…' : 'Save'}
      </button>
    </form>
  );
}
