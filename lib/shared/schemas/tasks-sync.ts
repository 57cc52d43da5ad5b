import { z } from 'zod';
import { opEnvelopeSchema, opIdSchema } from './oplog';

export const clientIdSchema = opIdSchema;
const seqSchema = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);

// The op count limit is the service's (413), not the schema's (which would say 400).
export const pushBodySchema = z.strictObject({ clientId: clientIdSchema, ops: z.array(opEnvelopeSchema) });
export const pullQuerySchema = z.object({ clientId: clientIdSchema, since: seqSchema.default(0), limit: z.coerce.number().int().min(1).max(5000).optional() });
export const bootstrapQuerySchema = z.object({ clientId: clientIdSchema });
export const tasksSyncBodySchema = z.strictObject({
  clientId: clientIdSchema,
  since: seqSchema,
  ops: z.array(opEnvelopeSchema),
  limit: z.number().int().min(1).max(5000).optional(),
});
