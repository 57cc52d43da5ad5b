import { describe, expect, it } from 'vitest';
import type { ListView, TaskView } from '@/lib/shared/crdt';
import { searchTasks, sortTasks } from './view';

const task = (id: string, fields: Partial<TaskView> = {}): TaskView => ({
  id,
  title: id,
  notes: '',
  dueDay: null,
  completed: false,
  position: `a${id}`,
  priority: null,
  dueTime: null,
  recurrence: null,
  reminder: null,
  ...fields,
});

describe('sortTasks', () => {
  const tasks = [
    task('1'),
    task('2', { priority: 3, dueDay: '2026-03-10' }),
    task('3', { priority: 1, dueDay: '2026-03-12' }),
    task('4', { priority: 3, dueDay: '2026-03-09', dueTime: '18:00' }),
    task('5', { dueDay: '2026-03-09' }),
    task('6', { priority: 4, dueDay: '2026-03-09', dueTime: '08:00' }),
  ];
  const ids = (sorted: TaskView[]) => sorted.map((t) => t.id);

  it('by priority: P1 first, no priority last, then by due day and time', () => {
    expect(ids(sortTasks(tasks, 'priority'))).toEqual(['3', '4', '2', '6', '5', '1']);
  });

  it('by due: earliest day first, timed before untimed on a day, no due day last, then by priority', () => {
    expect(ids(sortTasks(tasks, 'due'))).toEqual(['6', '4', '5', '2', '3', '1']);
  });

  it('in the list’s own order, untouched', () => {
    expect(ids(sortTasks(tasks, 'manual'))).toEqual(['1', '2', '3', '4', '5', '6']);
  });
});

describe('searchTasks', () => {
  const lists: ListView[] = [
    { id: 'l1', name: 'Home', archived: false, tasks: [task('a', { title: 'Call Mom' }), task('b', { title: 'Pay rent', notes: 'Ask about the café' })] },
    { id: 'l2', name: 'Old', archived: true, tasks: [task('c', { title: 'Call the bank' })] },
  ];

  it('finds every word in the title or notes, in any case and without accents, across lists (archived too)', () => {
    expect(searchTasks(lists, 'call').map((t) => [t.id, t.listName])).toEqual([
      ['a', 'Home'],
      ['c', 'Old (archived)'],
    ]);
    expect(searchTasks(lists, 'CAFE ask').map((t) => t.id)).toEqual(['b']);
    expect(searchTasks(lists, 'call rent')).toEqual([]);
    expect(searchTasks(lists, '   ')).toEqual([]);
  });
});
