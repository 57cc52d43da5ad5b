import { describe, expect, it } from 'vitest';
import { opEnvelopeSchema } from '../schemas/oplog';
import { checkOpEnvelope, isOpEnvelope, ShapeError } from './check';
import { INVALID_OPS, list, VALID_OPS } from './testing/op-cases';

describe('op-log envelope: the API schema and the replicas’ hand check agree', () => {
  it.each(VALID_OPS)('accepts %s', (_, op) => {
    expect(opEnvelopeSchema.safeParse(op).error).toBeUndefined();
    expect(checkOpEnvelope(op)).toBe(op);
  });

  it.each(INVALID_OPS)('rejects %s', (_, op) => {
    expect(opEnvelopeSchema.safeParse(op).success).toBe(false);
    expect(isOpEnvelope(op)).toBe(false);
    expect(() => checkOpEnvelope(op)).toThrow(ShapeError);
  });

  it('parses to exactly the op sent: no trimming, no defaults', () => {
    const op = list({ type: 'addTask', taskId: 't1', title: ' Buy milk ', position: 'a0' });
    expect(opEnvelopeSchema.parse(op)).toEqual(op);
    expect(checkOpEnvelope(op)).toEqual(op);
  });
});
