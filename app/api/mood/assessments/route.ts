import { pageQuerySchema } from '@/lib/shared/schemas/fields';
import { route } from '@/lib/server/platform/http/route';
import { listAssessments, takeAssessment } from '@/lib/server/domains/mood';
import { assessmentTakeSchema } from '@/lib/shared/schemas/mood';

// GET /api/mood/assessments – the most recent check-in results, newest first
export const GET = route({ query: pageQuerySchema, read: listAssessments });

// POST /api/mood/assessments – take a check-in: the server scores the answers and moves due schedules of its kind on
export const POST = route({ body: assessmentTakeSchema }, ({ principal, body, deviceId }) => takeAssessment({ userId: principal.userId, deviceId }, body));
