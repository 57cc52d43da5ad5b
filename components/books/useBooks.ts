'use client';

import type { Book, BookCreateInput, BookDeleted, BookPatchInput, ReadingSessionInput, ReadingSessionLogged } from '@/lib/shared/schemas/books';
import { useListWrite } from '@/lib/sync/list-write';
import { BOOKS_URL, bookList, bookUrl } from '@/lib/sync/resources/books';
import { useSyncedQuery } from '@/lib/sync/use-auto-refresh';
import { useResource } from '@/lib/sync/use-resource';

/**
 * The books page's data (books contract): every write is a POST followed by one refetch. While
 * a form is open the query is disabled (seed 001), so a refetch a write asks for waits until it closes.
 */
export function useBooks({ formOpen }: { formOpen: boolean }) {
  const resource = useResource(bookList);
  const { queryKey } = resource;
  const query = useSyncedQuery(resource, { enabled: !formOpen });

  const create = useListWrite<BookCreateInput, Book>(queryKey, (input) => ['POST', BOOKS_URL, input]);
  const update = useListWrite<{ id: string; patch: BookPatchInput }, Book>(queryKey, ({ id, patch }) => ['PATCH', bookUrl(id), patch]);
  const logSession = useListWrite<{ id: string; session: ReadingSessionInput }, ReadingSessionLogged>(queryKey, ({ id, session }) => [
    'POST',
    bookUrl(id, '/sessions'),
    session,
  ]);
  const complete = useListWrite<string, Book>(queryKey, (id) => ['POST', bookUrl(id, '/complete')]);
  const reopen = useListWrite<string, Book>(queryKey, (id) => ['POST', bookUrl(id, '/reopen')]);
  const remove = useListWrite<string, BookDeleted>(queryKey, (id) => ['DELETE', bookUrl(id)]);

  return { query, create, update, logSession, complete, reopen, remove };
}
