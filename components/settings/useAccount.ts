'use client';

import { useMutation } from '@tanstack/react-query';
import type { PasswordChange, PasswordChanged, SessionList } from '@/lib/shared/schemas/sessions';
import { sendJson } from '@/lib/sync/api';
import { useListWrite } from '@/lib/sync/list-write';
import { useSyncEnv } from '@/lib/sync/provider';
import { PROFILE_URL } from '@/lib/sync/resources/profile';
import { SESSIONS_URL, sessionList, sessionUrl } from '@/lib/sync/resources/settings';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

type Ended = { ended: string[] };

/** Where the account is signed in: the list, "Sign out" on one, and "Sign out everywhere else". */
export function useSessions() {
  const resource = useResource(sessionList);
  const query = useSyncedQuery<SessionList>(resource);
  const endOne = useListWrite<string, Ended>(resource.queryKey, (id) => ['DELETE', sessionUrl(id)]);
  const endOthers = useListWrite<void, Ended>(resource.queryKey, () => ['DELETE', SESSIONS_URL]);
  return { query, endOne, endOthers };
}

/** POST /api/me/password; the other sessions end, so the list is refetched by the devices nudge. */
export function useChangePassword() {
  const { deviceId } = useSyncEnv();
  return useMutation({ mutationFn: (input: PasswordChange) => sendJson<PasswordChanged>('POST', '/api/me/password', deviceId, input) });
}

/** DELETE /api/me: the server clears the session cookie with its answer. */
export function useDeleteAccount() {
  const { deviceId } = useSyncEnv();
  return useMutation({ mutationFn: (password: string) => sendJson<{ deleted: true }>('DELETE', PROFILE_URL, deviceId, { password }) });
}
