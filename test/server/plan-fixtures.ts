import { randomUUID } from 'node:crypto';
import { expect, vi } from 'vitest';
import { DELETE as reopenRoute, POST as completeRoute } from '@/app/api/plan/items/[id]/complete/route';
import { POST as generateRoute } from '@/app/api/plan/today/generate/route';
import { GET as todayRoute } from '@/app/api/plan/today/route';
import { createEvent } from '@/lib/server/domains/planner/service';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { TaskDocument, type OpEnvelope, type TaskDetails } from '@/lib/shared/crdt';
import type { TodayPlan } from '@/lib/shared/schemas/plan';
import { call, type CallOptions, type TestUser } from './helpers';

export const MIN = 60_000;
export const HOUR = 60 * MIN;

/** Moves the server clock only; timers and I/O keep running for real. */
export function setServerTime(at: number) {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
}

export const ctxOf = (user: TestUser) => ({ userId: user.id });

export async function today(user: TestUser): Promise<TodayPlan> {
  const res = await call(todayRoute, '/api/plan/today', { cookie: user.cookie });
  expect(res.status).toBe(200);
  return res.json();
}

export const generate = (user: TestUser, body: unknown = {}, options: CallOptions = {}) =>
  call(generateRoute, '/api/plan/today/generate', { method: 'POST', cookie: user.cookie, body, ...options });

export async function generated(user: TestUser, body: unknown = {}): Promise<TodayPlan> {
  const res = await generate(user, body);
  expect(res.status).toBe(200);
  return res.json();
}

export const complete = (user: TestUser, id: string, method: 'POST' | 'DELETE' = 'POST', options: CallOptions = {}) =>
  call(method === 'POST' ? completeRoute : reopenRoute, `/api/plan/items/${id}/complete`, { method, cookie: user.cookie, params: { id }, ...options });

export { expectError } from './helpers';

/** Where each pushed task lives: the device (document) that wrote it, and its list. */
const homes = new Map<string, { doc: TaskDocument; listId: string }>();

/** Pushes tasks to the user's op log the way a browser does; returns their ids by title. */
export async function addTasks(
  user: TestUser,
  tasks: ({ title: string; dueDay?: string | null; completed?: boolean } & Partial<Pick<TaskDetails, 'priority' | 'dueTime'>>)[],
): Promise<Record<string, string>> {
  const doc = new TaskDocument({ actor: randomUUID() });
  const list = doc.createList('Inbox');
  const ops: OpEnvelope[] = [list];
  const ids: Record<string, string> = {};
  for (const t of tasks) {
    const op = doc.addTask(list.payload.listId, { title: t.title, dueDay: t.dueDay ?? null });
    ids[t.title] = op.payload.taskId;
    homes.set(op.payload.taskId, { doc, listId: list.payload.listId });
    ops.push(op, ...doc.setDetails(list.payload.listId, op.payload.taskId, { priority: t.priority, dueTime: t.dueTime }));
    if (t.completed) ops.push(doc.setCompleted(list.payload.listId, op.payload.taskId, true));
  }
  await pushTasks(ctxOf(user), { clientId: randomUUID(), ops });
  return ids;
}

/** Completes (or reopens) a task on the device that made it, through the op log. */
export async function setTaskCompleted(user: TestUser, taskId: string, completed = true) {
  const { doc, listId } = homes.get(taskId)!;
  await pushTasks(ctxOf(user), { clientId: randomUUID(), ops: [doc.setCompleted(listId, taskId, completed)] });
}

/** An event later today, so it is not over when the test runs. */
export async function laterEvent(user: TestUser, title: string, inMinutes = 60, minutes = 30) {
  const startsAt = Date.now() + inMinutes * MIN;
  return createEvent(ctxOf(user), { title, startsAt, endsAt: startsAt + minutes * MIN, allDay: false, notes: null, color: null });
}
