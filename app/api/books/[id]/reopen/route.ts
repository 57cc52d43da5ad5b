import { reopenBook } from '@/lib/server/domains/books/service';
import { route } from '@/lib/server/platform/http/route';

// POST /api/books/[id]/reopen – reopen a completed book (409 if it is not completed)
export const POST = route({}, ({ principal, params, deviceId }) => reopenBook({ userId: principal.userId, deviceId }, String(params.id)));
