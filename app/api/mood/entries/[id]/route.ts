import { route } from '@/lib/server/platform/http/route';
import { deleteEntry, updateEntry } from '@/lib/server/domains/mood';
import { moodEntryPatchSchema } from '@/lib/shared/schemas/mood';

// PATCH /api/mood/entries/[id] – edit a mood entry (404 unless it is the caller's)
export const PATCH = route({ body: moodEntryPatchSchema }, ({ principal, body, params, deviceId }) =>
  updateEntry({ userId: principal.userId, deviceId }, String(params.id), body),
);

// DELETE /api/mood/entries/[id] – delete a mood entry; answers the entry as it was
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteEntry({ userId: principal.userId, deviceId }, String(params.id)));
