'use client';

import { BookCheck, BookOpen, RotateCcw } from 'lucide-react';
import type { ReactNode } from 'react';
import type { Book } from '@/lib/shared/schemas/books';
import { CardFooter } from '../shell/CardActions';
import { bookUrl } from '@/lib/sync/resources/books';
import { useFormats } from '@/lib/sync/use-formats';
import { ProgressBar } from '../shell/ProgressBar';
import { WaitingToSend } from '../shell/WaitingToSend';

interface BookCardProps {
  book: Book;
  /** The log-session form, shown inside the card while open. */
  sessionForm: ReactNode;
  busy: boolean;
  onLogSession: () => void;
  onComplete: () => void;
  onReopen: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

/** One book: progress bar, reading totals and what can be done with it now. */
export function BookCard({ book, sessionForm, busy, onLogSession, onComplete, onReopen, onEdit, onDelete }: BookCardProps) {
  const format = useFormats();
  const done = book.completedAt !== null;

  return (
    <article aria-label={book.title} className="card" data-testid="book-card">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 className="font-semibold">{book.title}</h3>
          {book.author ? <p className="text-sm text-stone-600">{book.author}</p> : null}
        </div>
        {done ? (
          <span className="rounded-full bg-green-50 px-2 py-0.5 text-xs font-medium text-green-700">Finished {format.day(book.completedAt!)}</span>
        ) : null}
        <WaitingToSend url={bookUrl(book.id)} />
      </div>

      <div className="mt-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm">
          <span data-testid="book-pages">
            {book.pagesRead} / {book.totalPages} pages
          </span>
          <span className="font-medium" data-testid="book-percent">
            {book.progressPercent}%
          </span>
        </div>
        <ProgressBar label={`Progress of ${book.title}`} value={book.progressPercent} max={100} done={done} className="mt-1 h-2" />
        <p className="mt-2 text-xs text-stone-500" data-testid="book-reading">
          {book.sessionCount === 0
            ? 'Not started yet'
            : `${book.minutesRead} min over ${book.sessionCount} session${book.sessionCount === 1 ? '' : 's'} · last read ${format.day(book.lastReadAt!)}`}
        </p>
      </div>

      {sessionForm}

      {sessionForm ? null : (
        <CardFooter name={book.title} question="Delete this book and its reading sessions?" label="Delete book" onEdit={onEdit} onDelete={onDelete}>
          {done ? (
            <button type="button" className="btn-secondary" onClick={onReopen} disabled={busy}>
              <RotateCcw className="h-4 w-4" aria-hidden /> Reopen
            </button>
          ) : (
            <>
              <button type="button" className="btn-secondary" onClick={onLogSession} aria-label={`Log reading of ${book.title}`}>
                <BookOpen className="h-4 w-4" aria-hidden /> Log reading
              </button>
              <button type="button" className="btn-ghost" onClick={onComplete} disabled={busy}>
                <BookCheck className="h-4 w-4" aria-hidden /> Mark complete
              </button>
            </>
          )}
        </CardFooter>
      )}
    </article>
  );
}
