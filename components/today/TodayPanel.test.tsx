import { fireEvent, render, screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { formatsFor } from '@/lib/shared/format';
import type { DailyPlan, PlanItem } from '@/lib/shared/schemas/plan';
import { INITIAL_TASKS_STATE } from '@/lib/sync/tasks/handle';
import { TodayPanel } from './TodayPanel';

// The page's data and this tab's tasks engine, as the test sets them.
const tasks = vi.hoisted(() => ({ state: null as unknown, completeTask: null as unknown as ReturnType<typeof vi.fn> }));
const toasts = vi.hoisted(() => [] as string[]);
const item = (over: Partial<PlanItem>): PlanItem => ({
  id: 'i1',
  kind: 'task',
  refId: 't1',
  title: 'Write the report',
  position: 0,
  completedAt: null,
  done: false,
  listId: null,
  time: null,
  priority: null,
  progress: null,
  ...over,
});
const plan: DailyPlan = { id: 'p1', day: '2026-12-07', focusGoalMinutes: null, items: [item({})], createdAt: 0, updatedAt: 0 };

vi.mock('./useTodayPlan', () => ({
  useTodayPlan: () => ({
    query: { status: 'success', data: { day: plan.day, plan, dueCheckins: [] }, isSuccess: true, isPending: false, isError: false },
    generate: { isPending: false, mutate: vi.fn() },
    toggle: { mutate: vi.fn() },
  }),
}));
vi.mock('@/lib/sync/tasks/useTasks', () => ({ useTasks: () => tasks.state }));
vi.mock('@/lib/sync/use-formats', () => ({ useFormats: () => formatsFor('UTC', 'en-GB') }));
vi.mock('@/lib/sync/toast', () => ({ showToast: (text: string) => toasts.push(text) }));
vi.mock('./GenerateForm', () => ({ GenerateForm: () => null }));
vi.mock('./DueCheckins', () => ({ DueCheckins: () => null }));
vi.mock('../shell/WaitingToSend', () => ({ WaitingToSend: () => null }));

beforeEach(() => {
  toasts.length = 0;
  tasks.completeTask = vi.fn(async () => undefined);
});

const withTasks = (ready: boolean) => {
  tasks.state = {
    ...INITIAL_TASKS_STATE,
    ready,
    lists: ready ? [{ id: 'l1', name: 'Inbox', tasks: [{ id: 't1', title: 'Write the report', completed: false }] }] : [],
    actions: { completeTask: tasks.completeTask, setCompleted: vi.fn(async () => undefined) },
  };
};

describe('TodayPanel with task items', () => {
  it('keeps a task item unticked and says why while this tab’s tasks are still loading, instead of calling the task gone', () => {
    withTasks(false);
    render(<TodayPanel />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: /Write the report/ });
    expect(box.disabled).toBe(true);
    expect(box.closest('label')?.title).toBe('Loading your tasks…');
  });

  it('ticks the task through the tasks engine once they are loaded', () => {
    withTasks(true);
    render(<TodayPanel />);
    const box = screen.getByRole<HTMLInputElement>('checkbox', { name: /Write the report/ });
    expect(box.disabled).toBe(false);
    fireEvent.click(box);
    expect(tasks.completeTask).toHaveBeenCalledWith('l1', 't1', '2026-12-07');
    expect(toasts).toEqual([]);
  });
});
