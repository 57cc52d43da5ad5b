import { randomUUID } from 'node:crypto';
import { existingSingleton } from '@/lib/server/platform/process';
import { expect, it } from 'vitest';
import { pushTasks } from '@/lib/server/domains/tasks/service';
import { getDb } from '@/lib/server/platform/db/client';
import { appendToDocument, caughtUp, currentDocument } from '@/lib/server/platform/oplog/documents';
import { appendOps, logBounds, setLastSeq } from '@/lib/server/platform/oplog/log';
import { materialise } from '@/lib/server/platform/oplog/state';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { createTestUser } from './helpers';

// A push applies its own ops to this process's cached tasks without reading them back (decision
// 056). The copy must still equal the log: with another node's ops landing in between, with
// duplicates, and when a concurrent reader replaced the copy while the push ran.

const cached = () => existingSingleton<{ taskDocs: Map<string, { doc: TaskDocument; upto: number }> }>('task-documents')!.taskDocs;

async function fromTheLog(userId: string): Promise<TaskDocument> {
  return (await materialise(getDb(), userId)).doc;
}

/** Another node's push: straight into the log, this process's cached copy untouched. */
async function otherNodePush(userId: string, ops: OpEnvelope[]): Promise<void> {
  await getDb().transaction(async (tx) => {
    const { last } = await logBounds(tx, userId);
    const stored = await appendOps(tx, userId, last + 1, ops, Date.now());
    await setLastSeq(tx, userId, Math.max(...stored));
  });
}

it("keeps the cached tasks equal to the log across this node's pushes, another node's ops and duplicates", async () => {
  const user = await createTestUser();
  const ctx = { userId: user.id };
  const here = new TaskDocument({ actor: randomUUID() });
  const there = new TaskDocument({ actor: randomUUID() });
  const list = here.createList('Shared');
  const listId = list.payload.listId;
  const one = here.addTask(listId, { title: 'One', dueDay: '2026-12-01' });
  const first = [list, one];
  await pushTasks(ctx, { clientId: randomUUID(), ops: first });

  there.applyAll(first);
  await otherNodePush(user.id, [there.addTask(listId, { title: 'From the other node' })]);
  const done = here.setCompleted(listId, one.payload.taskId, true);
  // Its first op is a duplicate: only the new one is stored and applied.
  const pushed = await pushTasks(ctx, { clientId: randomUUID(), ops: [one, done, here.addTask(listId, { title: 'Two' })] });
  expect(pushed).toMatchObject({ accepted: 2, duplicates: 1 });

  const copy = cached().get(user.id)!;
  expect(copy.upto).toBe(pushed.serverSeq);
  expect(copy.doc.lists()).toEqual((await fromTheLog(user.id)).lists());
  const states = copy.doc.lists()[0].tasks.map((t) => `${t.title}: ${t.completed ? 'done' : 'open'}`);
  expect(states.sort()).toEqual(['From the other node: open', 'One: done', 'Two: open']);
});

it('drops a cached copy that a concurrent reader replaced while a push ran, and rebuilds it from the log', async () => {
  const user = await createTestUser();
  const here = new TaskDocument({ actor: randomUUID() });
  const list = here.createList('Inbox');
  await pushTasks({ userId: user.id }, { clientId: randomUUID(), ops: [list] });
  const add = here.addTask(list.payload.listId, { title: 'Late' });

  const applied = await getDb().transaction(async (tx) => {
    const bounds = await logBounds(tx, user.id);
    const seen = await caughtUp(tx, user.id, bounds);
    const stored = await appendOps(tx, user.id, bounds.last + 1, [add], Date.now());
    await setLastSeq(tx, user.id, stored[0]);
    // A reader rebuilt the copy from what was committed before this transaction.
    cached().set(user.id, await materialise(getDb(), user.id));
    return appendToDocument(user.id, seen, [add], stored[0]);
  });

  expect(applied).toBe(false);
  expect(cached().has(user.id)).toBe(false);
  const rebuilt = await currentDocument(getDb(), user.id);
  expect(rebuilt.lists()[0].tasks.map((t) => t.title)).toEqual(['Late']);
});
