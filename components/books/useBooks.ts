'use client';

import type { Book, BookCreateInput, BookDeleted, BookList, BookPatchInput, ReadingSessionInput, ReadingSessionLogged } from '@/lib/shared/schemas/books';
import { useListWrite } from '@/lib/sync/list-write';
import { BOOKS_URL, bookList, bookUrl } from '@/lib/sync/resources/books';
import { useEditableList } from '@/lib/sync/editable-list';
import { useResource } from '@/lib/sync/use-resource';

/**
 * The books page's data (books contract): every write is a POST followed by one refetch. While
 * a form is open the query is disabled (seed 001), so a refetch a write asks for waits until it closes.
 */
export function useBooks({ formOpen }: { formOpen: boolean }) {
  const { queryKey, query, create, update } = useEditableList<BookList, Book, BookCreateInput, BookPatchInput>(useResource(bookList), BOOKS_URL, {
    enabled: !formOpen,
  });
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
