import { deleteBook, updateBook } from '@/lib/server/domains/books/service';
import { route } from '@/lib/server/platform/http/route';
import { bookPatchSchema } from '@/lib/shared/schemas/books';

// PATCH /api/books/[id] – edit a book's title, author or page count
export const PATCH = route({ body: bookPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateBook({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/books/[id] – delete a book and its reading sessions (soft)
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteBook({ userId: principal.userId, deviceId }, String(params.id)));
