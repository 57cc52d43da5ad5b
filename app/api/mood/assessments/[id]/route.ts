import { route } from '@/lib/server/platform/http/route';
import { deleteAssessment } from '@/lib/server/domains/mood';

// DELETE /api/mood/assessments/[id] – delete a check-in result (404 unless it is the caller's)
export const DELETE = route({}, ({ principal, params, deviceId }) => deleteAssessment({ userId: principal.userId, deviceId }, String(params.id)));
