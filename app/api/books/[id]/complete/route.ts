import { completeBook } from '@/lib/server/domains/books/service';
import { route } from '@/lib/server/platform/http/route';

// POST /api/books/[id]/complete – mark a book as read (409 if already completed)
export const POST = route({}, ({ principal, params, deviceId }) => completeBook({ userId: principal.userId, deviceId }, String(params.id)));
