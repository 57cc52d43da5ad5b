'use client';

import { Plus } from 'lucide-react';
import { useState } from 'react';
import type { Book } from '@/lib/shared/schemas/books';
import { BookCard } from './BookCard';
import { BookForm } from './BookForm';
import { ReadingSessionForm } from './ReadingSessionForm';
import { useBooks } from './useBooks';

type OpenForm = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'session'; id: string } | null;

function Skeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading books">
      <div className="card h-32 animate-pulse" />
      <div className="card h-32 animate-pulse" />
    </div>
  );
}

export function BooksPanel() {
  const [open, setOpen] = useState<OpenForm>(null);
  const { query, create, update, logSession, complete, reopen, remove } = useBooks({ formOpen: open !== null });

  if (query.isPending) return <Skeleton />;
  if (query.isError) {
    return (
      <div className="card" role="alert">
        <p className="text-sm text-red-700">Could not load your books.</p>
        <button type="button" className="btn-secondary mt-3" onClick={() => query.refetch()}>
          Retry
        </button>
      </div>
    );
  }

  const { books } = query.data;
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
        <div className="card text-center" data-testid="books-empty">
          <p className="font-medium">No books yet</p>
          <p className="mt-1 text-sm text-stone-600">Add the book you are reading, then log each session: pages and minutes add up to your progress.</p>
        </div>
      ) : null}

      {reading.length > 0 ? (
        <section aria-labelledby="books-reading" className="space-y-3">
          <h2 id="books-reading" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
            Reading
          </h2>
          <div className="grid gap-4 md:grid-cols-2">{reading.map(card)}</div>
        </section>
      ) : null}

      {finished.length > 0 ? (
        <section aria-labelledby="books-finished" className="space-y-3">
          <h2 id="books-finished" className="text-sm font-semibold uppercase tracking-wide text-stone-500">
            Finished
          </h2>
          <div className="grid gap-4 md:grid-cols-2">{finished.map(card)}</div>
        </section>
      ) : null}
    </div>
  );
}
