import { pageQuerySchema } from '@/lib/shared/schemas/fields';
import { createBook, listBooks } from '@/lib/server/domains/books/service';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { bookCreateSchema } from '@/lib/shared/schemas/books';

// GET /api/books – books with pages read, progress, minutes and last read
export const GET = route({ query: pageQuerySchema, read: listBooks });

// POST /api/books – add a book ({title, author?, totalPages})
export const POST = route({ body: bookCreateSchema }, async ({ principal, body, deviceId }) =>
  json(await createBook({ userId: principal.userId, deviceId }, body), { status: 201 }),
);
