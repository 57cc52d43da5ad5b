'use client';

import { Plus } from 'lucide-react';
import { useMemo, useState } from 'react';
import type { Book, BookList } from '@/lib/shared/schemas/books';
import { BOOKS_URL } from '@/lib/sync/resources/books';
import { useMorePages } from '@/lib/sync/use-more-pages';
import { BookCard } from './BookCard';
import { BookForm } from './BookForm';
import { ReadingSessionForm } from './ReadingSessionForm';
import { useBooks } from './useBooks';
import { LoadFailed } from '../shell/LoadFailed';
import { CardSection } from '../shell/CardSection';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';
import { MorePages } from '../shell/MorePages';

const bookPage = (body: unknown) => ({ items: (body as BookList).books, nextCursor: (body as BookList).nextCursor });

type OpenForm = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'session'; id: string } | null;

export function BooksPanel() {
  const [open, setOpen] = useState<OpenForm>(null);
  const { query, create, update, logSession, complete, reopen, remove } = useBooks({ formOpen: open !== null });
  const firstPage = useMemo(() => query.data && { items: query.data.books, nextCursor: query.data.nextCursor }, [query.data]);
  const more = useMorePages(BOOKS_URL, firstPage, bookPage);

  if (query.isPending) return <CardsSkeleton label="Loading books" heights={['h-32', 'h-32']} />;
  if (query.isError) {
    return <LoadFailed what="your books" onRetry={query.refetch} />;
  }

  const books = more.items;
  const reading = books.filter((b) => b.completedAt === null);
  const finished = books.filter((b) => b.completedAt !== null).sort((a, b) => b.completedAt! - a.completedAt!);
  const pages = books.reduce((sum, b) => sum + b.pagesRead, 0);
  const close = () => setOpen(null);
  const busy = complete.isPending || reopen.isPending || remove.isPending;

  const card = (book: Book) =>
    open?.kind === 'edit' && open.id === book.id ? (
      <BookForm
        key={book.id}
        book={book}
        onCancel={close}
        onSubmit={async (input) => {
          await update.mutateAsync({ id: book.id, patch: input });
          close();
        }}
      />
    ) : (
      <BookCard
        key={book.id}
        book={book}
        busy={busy}
        sessionForm={
          open?.kind === 'session' && open.id === book.id ? (
            <ReadingSessionForm
              book={book}
              onCancel={close}
              onSubmit={async (session) => {
                await logSession.mutateAsync({ id: book.id, session });
                close();
              }}
            />
          ) : null
        }
        onLogSession={() => setOpen({ kind: 'session', id: book.id })}
        onComplete={() => complete.mutate(book.id)}
        onReopen={() => reopen.mutate(book.id)}
        onEdit={() => setOpen({ kind: 'edit', id: book.id })}
        onDelete={() => remove.mutate(book.id)}
      />
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        {books.length > 0 ? (
          <p className="text-sm text-stone-600" data-testid="books-summary">
            {reading.length} reading · {finished.length} finished · {pages} pages read
          </p>
        ) : (
          <span />
        )}
        {open?.kind !== 'add' ? (
          <button type="button" className="btn-primary" onClick={() => setOpen({ kind: 'add' })}>
            <Plus className="h-4 w-4" aria-hidden /> Add book
          </button>
        ) : null}
      </div>

      {open?.kind === 'add' ? (
        <BookForm
          onCancel={close}
          onSubmit={async (input) => {
            await create.mutateAsync(input);
            close();
          }}
        />
      ) : null}

      {(complete.error ?? reopen.error ?? remove.error) ? (
        <p role="alert" className="text-sm text-red-600">
          {(complete.error ?? reopen.error ?? remove.error)!.message}
        </p>
      ) : null}

      {books.length === 0 && open?.kind !== 'add' ? (
        <EmptyState testId="books-empty" title="No books yet">
          Add the book you are reading, then log each session: pages and minutes add up to your progress.
        </EmptyState>
      ) : null}

      <CardSection id="books-reading" title="Reading" count={reading.length}>
        {reading.map(card)}
      </CardSection>
      <CardSection id="books-finished" title="Finished" count={finished.length}>
        {finished.map(card)}
      </CardSection>
      <MorePages {...more} what="books" />
    </div>
  );
}
