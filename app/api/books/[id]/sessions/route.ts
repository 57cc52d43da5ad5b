import { logReadingSession } from '@/lib/server/domains/books/service';
import { route } from '@/lib/server/platform/http/route';
import { json } from '@/lib/server/platform/http/respond';
import { readingSessionSchema } from '@/lib/shared/schemas/books';

// POST /api/books/[id]/sessions – log a reading session ({pages, minutes, day?}); 409 on a completed book
export const POST = route({ body: readingSessionSchema }, async ({ principal, body, params, deviceId }) =>
  json(await logReadingSession({ userId: principal.userId, deviceId }, String(params.id), body), { status: 201 }),
);
