import { z } from 'zod';
import { PROGRESS_RANGES, type ProgressRange } from '../progress';

export * from '../progress';

/** GET /api/progress?days=7|30|90 (30 when left out). */
export const progressQuerySchema = z.object({
  days: z
    .enum(PROGRESS_RANGES.map(String) as ['7', '30', '90'])
    .transform((d) => Number(d) as ProgressRange)
    .optional(),
});
export type ProgressQuery = z.infer<typeof progressQuerySchema>;
