'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Book, BookCreateInput, BookDeleted, BookList, BookPatchInput, ReadingSessionInput, ReadingSessionLogged } from '@/lib/shared/schemas/books';
import { sendJson } from '@/lib/sync/api';
import { useSyncEnv } from '@/lib/sync/provider';
import { BOOKS_REFRESH_KEY, BOOKS_URL, bookKeys, bookUrl } from '@/lib/sync/queries/books';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';

/**
 * The books page's data (books contract): every write is a POST followed by one refetch. While
 * a form is open the query is disabled (seed 001), so a refetch a write asks for waits until it closes.
 */
export function useBooks({ formOpen }: { formOpen: boolean }) {
  const { userId, deviceId } = useSyncEnv();
  const client = useQueryClient();
  const queryKey = useMemo(() => bookKeys.list(userId), [userId]);
  const query = useSyncedQuery<BookList>({ refreshKey: BOOKS_REFRESH_KEY, queryKey, url: BOOKS_URL, enabled: !formOpen });
  const reconcile = () => client.invalidateQueries({ queryKey, exact: true });

  const create = useMutation({
    mutationFn: (input: BookCreateInput) => sendJson<Book>('POST', BOOKS_URL, deviceId, input),
    onSuccess: reconcile,
  });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: BookPatchInput }) => sendJson<Book>('PATCH', bookUrl(id), deviceId, patch),
    onSuccess: reconcile,
  });
  const logSession = useMutation({
    mutationFn: ({ id, session }: { id: string; session: ReadingSessionInput }) =>
      sendJson<ReadingSessionLogged>('POST', bookUrl(id, '/sessions'), deviceId, session),
    onSuccess: reconcile,
  });
  const complete = useMutation({
    mutationFn: (id: string) => sendJson<Book>('POST', bookUrl(id, '/complete'), deviceId),
    onSuccess: reconcile,
  });
  const reopen = useMutation({
    mutationFn: (id: string) => sendJson<Book>('POST', bookUrl(id, '/reopen'), deviceId),
    onSuccess: reconcile,
  });
  const remove = useMutation({
    mutationFn: (id: string) => sendJson<BookDeleted>('DELETE', bookUrl(id), deviceId),
    onSuccess: reconcile,
  });

  return { query, create, update, logSession, complete, reopen, remove };
}
