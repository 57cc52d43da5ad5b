import { describe, expect, it } from 'vitest';
import { opEnvelopeSchema } from '../schemas/oplog';

const list = (payload: object, extra: object = {}) => ({ scope: 'list', resourceId: 'inbox', actor: 'ann', clock: 3, payload, ...extra });
const registry = (payload: object, extra: object = {}) => ({ scope: 'registry', resourceId: 'registry', actor: 'ann', clock: 3, payload, ...extra });

const valid: [string, unknown][] = [
  ['createList', registry({ type: 'createList', listId: 'l-1', name: 'Inbox' })],
  ['renameList', registry({ type: 'renameList', listId: 'l-1', name: 'Errands' })],
  ['archiveList', registry({ type: 'archiveList', listId: 'l-1', archived: true })],
  ['deleteList', registry({ type: 'deleteList', listId: 'l-1' })],
  ['addTask, minimal', list({ type: 'addTask', taskId: 't_1', title: 'Buy milk', position: 'a0' })],
  ['addTask, full', list({ type: 'addTask', taskId: 't_1', title: 'Buy milk', notes: '', dueDay: null, position: 'a0V' })],
  ['editTask, title', list({ type: 'editTask', taskId: 't1', fields: { title: 'Buy oat milk' } })],
  ['editTask, notes', list({ type: 'editTask', taskId: 't1', fields: { notes: 'x'.repeat(10_000) } })],
  ['setDue', list({ type: 'setDue', taskId: 't1', dueDay: '2024-02-29' })],
  ['setDue, cleared', list({ type: 'setDue', taskId: 't1', dueDay: null })],
  ['setCompleted', list({ type: 'setCompleted', taskId: 't1', completed: false })],
  ['moveTask', list({ type: 'moveTask', taskId: 't1', position: 'Zz' })],
  ['deleteTask', list({ type: 'deleteTask', taskId: 't1' })],
  ['largest safe clock', list({ type: 'deleteTask', taskId: 't1' }, { clock: Number.MAX_SAFE_INTEGER })],
  ['setPriority p1', list({ type: 'setPriority', taskId: 't1', priority: 1 })],
  ['setPriority cleared', list({ type: 'setPriority', taskId: 't1', priority: null })],
  ['setDueTime', list({ type: 'setDueTime', taskId: 't1', dueTime: '23:59' })],
  ['setDueTime cleared', list({ type: 'setDueTime', taskId: 't1', dueTime: null })],
  ['setRecurrence weekly', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=WEEKLY;BYDAY=MO,WE', from: 'due' })],
  ['setRecurrence after completion', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=DAILY;INTERVAL=3', from: 'completion' })],
  ['setRecurrence stopped', list({ type: 'setRecurrence', taskId: 't1', rule: null, from: 'due' })],
  ['setReminder at due', list({ type: 'setReminder', taskId: 't1', minutesBefore: 0 })],
  ['setReminder cleared', list({ type: 'setReminder', taskId: 't1', minutesBefore: null })],
  ['100-char ids', list({ type: 'deleteTask', taskId: 'a'.repeat(100) }, { resourceId: 'b'.repeat(100), actor: 'c'.repeat(100) })],
];

const invalid: [string, unknown][] = [
  ['unknown op type', list({ type: 'renameTask', taskId: 't1', title: 'x' })],
  ['registry op in a list resource', list({ type: 'createList', listId: 'l-1', name: 'Inbox' })],
  ['list op in the registry', registry({ type: 'deleteTask', taskId: 't1' })],
  ['registry under another id', registry({ type: 'deleteList', listId: 'l-1' }, { resourceId: 'l-1' })],
  ['unknown scope', list({ type: 'deleteTask', taskId: 't1' }, { scope: 'task' })],
  ['extra envelope field', list({ type: 'deleteTask', taskId: 't1' }, { serverSeq: 4 })],
  ['extra payload field', list({ type: 'deleteTask', taskId: 't1', force: true })],
  ['extra edit field', list({ type: 'editTask', taskId: 't1', fields: { title: 'x', dueDay: null } })],
  ['empty edit', list({ type: 'editTask', taskId: 't1', fields: {} })],
  ['clock 0', list({ type: 'deleteTask', taskId: 't1' }, { clock: 0 })],
  ['fractional clock', list({ type: 'deleteTask', taskId: 't1' }, { clock: 1.5 })],
  ['unsafe clock', list({ type: 'deleteTask', taskId: 't1' }, { clock: Number.MAX_SAFE_INTEGER + 1 })],
  ['clock as a string', list({ type: 'deleteTask', taskId: 't1' }, { clock: '3' })],
  ['101-char id', list({ type: 'deleteTask', taskId: 'a'.repeat(101) })],
  ['id with a slash', list({ type: 'deleteTask', taskId: 'a/b' })],
  ['empty actor', list({ type: 'deleteTask', taskId: 't1' }, { actor: '' })],
  ['101-char actor', list({ type: 'deleteTask', taskId: 't1' }, { actor: 'a'.repeat(101) })],
  ['blank title', list({ type: 'addTask', taskId: 't1', title: '  ', position: 'a0' })],
  ['501-char title', list({ type: 'addTask', taskId: 't1', title: 'x'.repeat(501), position: 'a0' })],
  ['10 001-char notes', list({ type: 'editTask', taskId: 't1', fields: { notes: 'x'.repeat(10_001) } })],
  ['blank list name', registry({ type: 'createList', listId: 'l-1', name: '' })],
  ['day not in the calendar', list({ type: 'setDue', taskId: 't1', dueDay: '2026-02-29' })],
  ['day with a time', list({ type: 'setDue', taskId: 't1', dueDay: '2026-03-10T00:00' })],
  ['missing due day', list({ type: 'setDue', taskId: 't1' })],
  ['not an order key', list({ type: 'moveTask', taskId: 't1', position: 'a' })],
  ['order key with a trailing zero', list({ type: 'moveTask', taskId: 't1', position: 'a00' })],
  ['priority 5', list({ type: 'setPriority', taskId: 't1', priority: 5 })],
  ['priority as a string', list({ type: 'setPriority', taskId: 't1', priority: 'p1' })],
  ['time 24:00', list({ type: 'setDueTime', taskId: 't1', dueTime: '24:00' })],
  ['time without minutes', list({ type: 'setDueTime', taskId: 't1', dueTime: '9' })],
  ['rule hourly', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=HOURLY', from: 'due' })],
  ['rule with COUNT', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=DAILY;COUNT=3', from: 'due' })],
  ['rule never due (30 Feb)', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', from: 'due' })],
  ['rule not an RRULE', list({ type: 'setRecurrence', taskId: 't1', rule: 'every monday', from: 'due' })],
  ['rule after completion with days', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=WEEKLY;BYDAY=MO', from: 'completion' })],
  ['rule anchored elsewhere', list({ type: 'setRecurrence', taskId: 't1', rule: 'FREQ=DAILY', from: 'start' })],
  ['negative reminder', list({ type: 'setReminder', taskId: 't1', minutesBefore: -5 })],
  ['reminder 5 weeks before', list({ type: 'setReminder', taskId: 't1', minutesBefore: 50_400 })],
  ['archived as a string', registry({ type: 'archiveList', listId: 'l-1', archived: 'yes' })],
];

describe('op-log envelope schema', () => {
  it.each(valid)('accepts %s', (_, op) => {
    expect(opEnvelopeSchema.safeParse(op).error).toBeUndefined();
  });

  it.each(invalid)('rejects %s', (_, op) => {
    expect(opEnvelopeSchema.safeParse(op).success).toBe(false);
  });

  it('parses to exactly the op sent: no trimming, no defaults', () => {
    const op = list({ type: 'addTask', taskId: 't1', title: ' Buy milk ', position: 'a0' });
    expect(opEnvelopeSchema.parse(op)).toEqual(op);
  });
});
