import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opEnvelopeSchema } from '../schemas/oplog';
import { TaskDocument } from './document';
import type { OpEnvelope } from './ops';
import { modelCounts, modelLists } from './testing/model';
import { rawOpsArb } from './testing/raw-ops';
import { shuffled, shuffledWithRepeats } from './testing/shuffle';
import { ACTORS, scriptArb, simulate, syncAll, TODAY } from './testing/simulate';

const RUNS = { numRuns: 200 };
const seedArb = fc.integer();

/** Realistic histories (replicas editing offline and syncing) and hostile raw op sets, both. */
const opsArb: fc.Arbitrary<OpEnvelope[]> = fc.oneof(
  scriptArb.map((script) => simulate(script).ops),
  rawOpsArb,
);

function snapshotOf(ops: readonly OpEnvelope[]): string {
  const doc = new TaskDocument();
  doc.applyAll(ops);
  return doc.toSnapshot();
}

/** Merges every resource of `from` into `into`, as loading the server's per-resource snapshots does. */
function mergeInto(into: TaskDocument, from: TaskDocument): TaskDocument {
  for (const { scope, resourceId } of from.resources()) into.loadResource(scope, resourceId, from.snapshotResource(scope, resourceId));
  return into;
}

function docOf(ops: readonly OpEnvelope[]): TaskDocument {
  const doc = new TaskDocument();
  doc.applyAll(ops);
  return doc;
}

describe('task CRDT laws', () => {
  it('any order of the ops, with repeats, gives a byte-identical snapshot (commutative, idempotent)', () => {
    fc.assert(
      fc.property(opsArb, seedArb, (ops, seed) => {
        expect(snapshotOf(shuffledWithRepeats(ops, seed))).toBe(snapshotOf(ops));
      }),
      RUNS,
    );
  });

  it('batch A then B equals B then A, and merging batch states groups either way (associative)', () => {
    fc.assert(
      fc.property(opsArb, fc.array(fc.nat(2), { minLength: 50, maxLength: 50 }), (ops, groups) => {
        const [a, b, c] = [0, 1, 2].map((g) => ops.filter((_, i) => groups[i % groups.length] === g));
        const whole = snapshotOf(ops);
        const ab = docOf(a);
        ab.applyAll(b);
        ab.applyAll(c);
        const ba = docOf(c);
        ba.applyAll(b);
        ba.applyAll(a);
        expect(ab.toSnapshot()).toBe(whole);
        expect(ba.toSnapshot()).toBe(whole);
        const left = mergeInto(mergeInto(docOf(a), docOf(b)), docOf(c));
        const right = mergeInto(docOf(a), mergeInto(docOf(b), docOf(c)));
        expect(left.toSnapshot()).toBe(whole);
        expect(right.toSnapshot()).toBe(whole);
      }),
      RUNS,
    );
  });

  it('a snapshot of a prefix plus the later ops (some re-sent) equals applying everything (compaction)', () => {
    fc.assert(
      fc.property(opsArb, fc.nat(), fc.nat(5), (ops, cutAt, overlap) => {
        const cut = ops.length === 0 ? 0 : cutAt % (ops.length + 1);
        const snapshot = snapshotOf(ops.slice(0, cut));
        const restored = TaskDocument.fromSnapshot(snapshot);
        expect(restored.toSnapshot()).toBe(snapshot);
        restored.applyAll(ops.slice(Math.max(0, cut - overlap)));
        expect(restored.toSnapshot()).toBe(snapshotOf(ops));
      }),
      RUNS,
    );
  });

  it('per-resource snapshots cut at different points, loaded in any order, plus later ops equal applying everything', () => {
    fc.assert(
      fc.property(opsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), seedArb, (ops, cuts, seed) => {
        const full = docOf(ops);
        const resources = full.resources();
        // The server holds, per resource, a snapshot up to some serverSeq and the ops after it.
        const plan = resources.map(({ scope, resourceId }, i) => {
          const cut = cuts[i % cuts.length] % (ops.length + 1);
          const atCut = docOf(ops.slice(0, cut));
          return { scope, resourceId, cut, snapshot: atCut.snapshotResource(scope, resourceId) };
        });
        const rebuilt = new TaskDocument();
        for (const { scope, resourceId, snapshot } of shuffled(plan, seed)) rebuilt.loadResource(scope, resourceId, snapshot);
        ops.forEach((op, i) => {
          const mine = plan.find((p) => p.scope === op.scope && p.resourceId === op.resourceId);
          if (mine && i >= mine.cut) rebuilt.apply(op);
        });
        expect(rebuilt.toSnapshot()).toBe(full.toSnapshot());
      }),
      RUNS,
    );
  });

  it('per-resource snapshots round-trip to the same document', () => {
    fc.assert(
      fc.property(opsArb, seedArb, (ops, seed) => {
        const doc = docOf(ops);
        const copy = new TaskDocument();
        for (const { scope, resourceId } of shuffled(doc.resources(), seed)) copy.loadResource(scope, resourceId, doc.snapshotResource(scope, resourceId));
        expect(copy.toSnapshot()).toBe(doc.toSnapshot());
        for (const { scope, resourceId } of doc.resources()) expect(copy.snapshotResource(scope, resourceId)).toBe(doc.snapshotResource(scope, resourceId));
      }),
      RUNS,
    );
  });

  it('lists and counts match a naive recomputation from the op set', () => {
    fc.assert(
      fc.property(opsArb, (ops) => {
        const doc = docOf(ops);
        const expected = modelLists(ops);
        expect(doc.lists()).toEqual(expected);
        expect(doc.counts(TODAY)).toEqual(modelCounts(expected, TODAY));
        // Task ids are UUIDs, unique per user; should one turn up in two lists, the earlier list's task is found.
        const firstById = new Map(expected.flatMap((l) => l.tasks.map((t) => [t.id, { ...t, listId: l.id }] as const)).reverse());
        for (const [id, task] of firstById) expect(doc.task(id)).toEqual(task);
      }),
      RUNS,
    );
  });

  it('replicas converge once they have exchanged all ops; their own ops took effect at once and pass the server schema', () => {
    fc.assert(
      fc.property(scriptArb, (script) => {
        const { ops, replicas, unseen } = simulate(script);
        for (const op of ops) expect(opEnvelopeSchema.safeParse(op).success).toBe(true);
        // A replica's next op is stamped past everything it has seen, so it wins locally at once.
        expect(unseen).toEqual([]);
        for (const actor of ACTORS) {
          const mine = ops.filter((op) => op.actor === actor).map((op) => op.clock);
          expect(mine).toEqual([...mine].sort((x, y) => x - y));
          expect(new Set(mine).size).toBe(mine.length);
        }
        syncAll(replicas, ops);
        const expected = snapshotOf(ops);
        for (const { doc } of replicas) expect(doc.toSnapshot()).toBe(expected);
      }),
      RUNS,
    );
  });
});
