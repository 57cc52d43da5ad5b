import { z } from 'zod';
import { blankAsNull, localDaySchema, patchOf, text, wholeNumber } from './fields';

const title = text().trim().min(1, 'Give the book a title').max(200, 'Use at most 200 characters');
/** Blank authors are stored as none. */
const author = blankAsNull(text().trim().max(200, 'Use at most 200 characters'));
const totalPages = wholeNumber().min(1, 'A book has at least 1 page').max(100_000, 'At most 100,000 pages');

/** A book's fields, as the web writes them and native sync stores them. */
export const bookFields = { title, author, totalPages };

const pages = wholeNumber().min(0, 'Pages cannot be negative').max(10_000, 'At most 10,000 pages');
const minutes = wholeNumber().min(0, 'Minutes cannot be negative').max(1440, 'At most 1,440 minutes (a day)');
/** A reading session's fields, and what every session must hold (web and native alike). */
export const readingSessionFields = { pages, minutes };
export const readsSomething: [(s: { pages: number; minutes: number }) => boolean, { message: string; path: string[] }] = [
  (s) => s.pages > 0 || s.minutes > 0,
  { message: 'Log some pages or some minutes', path: ['pages'] },
];

export const bookCreateSchema = z.strictObject({ title, author: author.optional(), totalPages });
export type BookCreateInput = z.infer<typeof bookCreateSchema>;

export const bookPatchSchema = patchOf({ title, author, totalPages });
export type BookPatchInput = z.infer<typeof bookPatchSchema>;

/** POST /api/books/[id]/sessions: `day` is the reader's own calendar day, today when left out. */
export const readingSessionSchema = z
  .strictObject({
    pages,
    minutes,
    day: localDaySchema.optional(),
  })
  .refine(...readsSomething);
export type ReadingSessionInput = z.infer<typeof readingSessionSchema>;

/** A book as GET /api/books and every book write answer it. */
export interface Book {
  id: string;
  title: string;
  author: string | null;
  totalPages: number;
  completedAt: number | null;
  createdAt: number;
  updatedAt: number;
  /** Sum of the reading sessions' pages, capped at totalPages. */
  pagesRead: number;
  /** Whole percent of totalPages read; 100 once the book is completed. */
  progressPercent: number;
  minutesRead: number;
  sessionCount: number;
  /** When the latest reading session happened, or null before the first. */
  lastReadAt: number | null;
}

export interface BookList {
  books: Book[];
  /** Present when the list was cut: `?cursor=` of the next page (also in the `Link` header). */
  nextCursor?: string;
}

export interface ReadingSession {
  id: string;
  bookId: string;
  pages: number;
  minutes: number;
  readAt: number;
}

/** POST /api/books/[id]/sessions answers the new session and the book it moved. */
export interface ReadingSessionLogged {
  session: ReadingSession;
  book: Book;
}

export interface BookDeleted {
  id: string;
  deletedAt: number;
}
