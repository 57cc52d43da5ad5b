import { route } from '@/lib/server/platform/http/route';
import { createEntry, listEntries } from '@/lib/server/domains/mood';
import { moodEntryCreateSchema, rangeQuerySchema } from '@/lib/shared/schemas/mood';

// GET /api/mood/entries?from&to – mood entries recorded in [from, to), newest first
export const GET = route({ query: rangeQuerySchema, read: listEntries });

// POST /api/mood/entries – log a mood (score 1–10) with some of the caller's activities
export const POST = route({ body: moodEntryCreateSchema }, ({ principal, body, deviceId }) => createEntry({ userId: principal.userId, deviceId }, body));
