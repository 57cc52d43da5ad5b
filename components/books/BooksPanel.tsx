'use client';

import dynamic from 'next/dynamic';
import { FormLoading } from '../shell/FormLoading';
import { useMemo } from 'react';
import type { Book, BookList } from '@/lib/shared/schemas/books';
import { BOOKS_URL } from '@/lib/sync/resources/books';
import { useMorePages } from '@/lib/sync/use-more-pages';
import { BookCard } from './BookCard';
import { useBooks } from './useBooks';
import { CardSections } from '../shell/CardSection';
import { CardsSkeleton } from '../shell/CardsSkeleton';
import { EmptyState } from '../shell/EmptyState';
import { MorePages } from '../shell/MorePages';
import { PendingCreates } from '../shell/PendingCreates';
import { NewButton } from '../shell/NewButton';
import { isLoaded, QueryFallback } from '../shell/QueryFallback';
import { useCardForms } from '../shell/useCardForms';

// Opened on demand: each form, with its Zod schema, loads the first time it is opened, not with the page.
const BookForm = dynamic(() => import('./BookForm').then((m) => m.BookForm), { ssr: false, loading: () => <FormLoading /> });
const ReadingSessionForm = dynamic(() => import('./ReadingSessionForm').then((m) => m.ReadingSessionForm), { ssr: false, loading: () => <FormLoading /> });

const bookPage = (body: unknown) => ({ items: (body as BookList).books, nextCursor: (body as BookList).nextCursor });

export function BooksPanel() {
  const forms = useCardForms<'edit' | 'session'>();
  const { query, create, update, logSession, complete, reopen, remove } = useBooks({ formOpen: forms.anyOpen });
  const firstPage = useMemo(() => query.data && { items: query.data.books, nextCursor: query.data.nextCursor }, [query.data]);
  const more = useMorePages(BOOKS_URL, firstPage, bookPage);

  if (!isLoaded(query)) return <QueryFallback query={query} skeleton={<CardsSkeleton label="Loading books" heights={['h-32', 'h-32']} />} what="your books" />;

  const books = more.items;
  const reading = books.filter((b) => b.completedAt === null);
  const finished = books.filter((b) => b.completedAt !== null).sort((a, b) => b.completedAt! - a.completedAt!);
  const pages = books.reduce((sum, b) => sum + b.pagesRead, 0);
  const busy = complete.isPending || reopen.isPending || remove.isPending;

  const card = (book: Book) =>
    forms.isOpen('edit', book.id) ? (
      <BookForm key={book.id} book={book} onCancel={forms.close} onSubmit={forms.saveEdit(update.mutateAsync, book.id)} />
    ) : (
      <BookCard
        key={book.id}
        book={book}
        busy={busy}
        sessionForm={
          forms.isOpen('session', book.id) ? (
            <ReadingSessionForm
              book={book}
              onCancel={forms.close}
              onSubmit={forms.writeThenClose((session) => logSession.mutateAsync({ id: book.id, session }))}
            />
          ) : null
        }
        onLogSession={() => forms.openFor('session', book.id)}
        onComplete={() => complete.mutate(book.id)}
        onReopen={() => reopen.mutate(book.id)}
        onEdit={() => forms.openFor('edit', book.id)}
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
        {forms.isNew ? null : <NewButton label="Add book" onClick={forms.openNew} />}
      </div>

      {forms.isNew ? <BookForm onCancel={forms.close} onSubmit={forms.writeThenClose(create.mutateAsync)} /> : null}

      {(complete.error ?? reopen.error ?? remove.error) ? (
        <p role="alert" className="text-sm text-red-600">
          {(complete.error ?? reopen.error ?? remove.error)!.message}
        </p>
      ) : null}

      {books.length === 0 && !forms.isNew ? (
        <EmptyState testId="books-empty" title="No books yet">
          Add the book you are reading, then log each session: pages and minutes add up to your progress.
        </EmptyState>
      ) : null}

      <PendingCreates url={BOOKS_URL} what="books" />

      <CardSections
        card={card}
        sections={[
          { id: 'books-reading', title: 'Reading', items: reading },
          { id: 'books-finished', title: 'Finished', items: finished },
        ]}
      />
      <MorePages {...more} what="books" />
    </div>
  );
}
