/**
 * Hostile op sets: a handful of ids, tiny clocks, so ops on unknown ids, edits before adds,
 * re-adds after deletes and even two different ops under one (clock, actor) stamp are common.
 * Real clients cannot produce the last one; the merge must stay order-independent anyway.
 */
import fc from 'fast-check';
import { REGISTRY_ID, type ListOp, type OpEnvelope, type RegistryOp } from '../ops';
import { ACTORS } from './simulate';

const listId = fc.constantFrom('L1', 'L2', 'L3');
const taskId = fc.constantFrom('t1', 't2', 't3', 't4');
const title = fc.constantFrom('Buy milk', 'Call Ana', 'Pay rent');
const notes = fc.constantFrom('', 'at noon', 'twice');
const dueDay = fc.constantFrom(null, '2026-03-08', '2026-03-10', '2026-03-12');
const position = fc.constantFrom('a0', 'a1', 'a0V', 'Zz', 'b00');

const registryOp: fc.Arbitrary<RegistryOp> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('createList' as const), listId, name: title }), weight: 3 },
  fc.record({ type: fc.constant('renameList' as const), listId, name: title }),
  fc.record({ type: fc.constant('archiveList' as const), listId, archived: fc.boolean() }),
  fc.record({ type: fc.constant('deleteList' as const), listId }),
);

const listOp: fc.Arbitrary<ListOp> = fc.oneof(
  {
    arbitrary: fc.record(
      { type: fc.constant('addTask' as const), taskId, title, notes, dueDay, position },
      { requiredKeys: ['type', 'taskId', 'title', 'position'] },
    ),
    weight: 3,
  },
  fc.record({ type: fc.constant('editTask' as const), taskId, fields: fc.oneof(fc.record({ title }), fc.record({ notes }), fc.record({ title, notes })) }),
  fc.record({ type: fc.constant('setDue' as const), taskId, dueDay }),
  fc.record({ type: fc.constant('setCompleted' as const), taskId, completed: fc.boolean() }),
  fc.record({ type: fc.constant('moveTask' as const), taskId, position }),
  fc.record({ type: fc.constant('deleteTask' as const), taskId }),
  fc.record({ type: fc.constant('setPriority' as const), taskId, priority: fc.constantFrom(null, 1 as const, 2 as const, 3 as const, 4 as const) }),
  fc.record({ type: fc.constant('setDueTime' as const), taskId, dueTime: fc.constantFrom(null, '09:00', '17:30') }),
  fc.record({
    type: fc.constant('setRecurrence' as const),
    taskId,
    rule: fc.constantFrom(null, 'FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO', 'FREQ=DAILY;INTERVAL=3'),
    from: fc.constantFrom('due' as const, 'completion' as const),
  }),
  fc.record({ type: fc.constant('setReminder' as const), taskId, minutesBefore: fc.constantFrom(null, 0, 30) }),
);

const actor = fc.constantFrom(...ACTORS);
const clock = fc.integer({ min: 1, max: 6 });

export const rawOpArb: fc.Arbitrary<OpEnvelope> = fc.oneof(
  fc.record({ scope: fc.constant('registry' as const), resourceId: fc.constant(REGISTRY_ID), actor, clock, payload: registryOp }),
  { arbitrary: fc.record({ scope: fc.constant('list' as const), resourceId: listId, actor, clock, payload: listOp }), weight: 3 },
);

export const rawOpsArb = fc.array(rawOpArb, { maxLength: 60, size: 'max' });
