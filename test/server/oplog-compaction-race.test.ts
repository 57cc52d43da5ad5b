import { randomUUID } from 'node:crypto';
import { existingSingleton } from '@/lib/server/platform/process';
import { expect, it, vi } from 'vitest';
import { GET as bootstrapRoute } from '@/app/api/sync/bootstrap/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { GET as countsRoute } from '@/app/api/tasks/counts/route';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { getDb } from '@/lib/server/platform/db/client';
import { advanceCursor } from '@/lib/server/platform/oplog/clients';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { opsAfter } from '@/lib/server/platform/oplog/log';
import { materialise } from '@/lib/server/platform/oplog/state';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { call, createTestUser, type TestUser } from './helpers';

// Compaction (on this node or another) replaces snapshots and prunes the ops they cover. Readers
// that take snapshots and ops in two reads, or keep a materialised copy, must never miss an op.

vi.mock('@/lib/server/platform/oplog/log', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/server/platform/oplog/log')>();
  return { ...actual, opsAfter: vi.fn(actual.opsAfter) };
});

// A small safety buffer so compaction really prunes.
process.env.OPLOG_SAFETY_BUFFER = '2';
resetConfigForTests();

/** Pushes, and the device acknowledges the new head (pulls record it lazily), so compaction prunes up to it. */
async function push(user: TestUser, clientId: string, ops: OpEnvelope[]) {
  const res = await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops } });
  expect(res.status).toBe(200);
  const { serverSeq } = (await res.json()) as { serverSeq: number };
  await advanceCursor(getDb(), clientId, serverSeq, Date.now());
}

/** A list with `n` open tasks, pushed by one device whose cursor is at the head (so compaction prunes). */
async function listOf(user: TestUser, device: { id: string; doc: TaskDocument }, n: number) {
  const list = device.doc.createList(`List ${randomUUID().slice(0, 4)}`);
  const ops: OpEnvelope[] = [list];
  for (let i = 0; i < n; i++) ops.push(device.doc.addTask(list.payload.listId, { title: `Task ${i}` }));
  await push(user, device.id, ops);
}

const openTasks = (doc: TaskDocument) => doc.lists().reduce((sum, l) => sum + l.tasks.filter((t) => !t.completed).length, 0);

it('a bootstrap that a compaction overtakes between its two reads still returns every task', async () => {
  const user = await createTestUser();
  const id = randomUUID();
  const device = { id, doc: new TaskDocument({ actor: id }) };
  await listOf(user, device, 8);

  const real = await vi.importActual<typeof import('@/lib/server/platform/oplog/log')>('@/lib/server/platform/oplog/log');
  vi.mocked(opsAfter).mockImplementationOnce(async (...args) => {
    // The bootstrap has read the (still missing) snapshots; compaction commits before it reads the ops.
    const result = await compactUser(user.id);
    expect(result.pruned).toBeGreaterThan(0);
    return real.opsAfter(...args);
  });
  const res = await call(bootstrapRoute, `/api/sync/bootstrap?clientId=${id}`, { cookie: user.cookie });
  expect(res.status).toBe(200);
  const boot = (await res.json()) as { snapshots: { scope: 'registry' | 'list'; resourceId: string; state: string }[]; ops: OpEnvelope[] };
  const rebuilt = new TaskDocument();
  for (const s of boot.snapshots) rebuilt.loadResource(s.scope, s.resourceId, typeof s.state === 'string' ? s.state : JSON.stringify(s.state));
  rebuilt.applyAll(boot.ops);
  expect(openTasks(rebuilt)).toBe(8);
  expect(rebuilt.lists()).toEqual(device.doc.lists());
});

it("a node's cached tasks catch up correctly after another node's compaction pruned ops it had not applied", async () => {
  const user = await createTestUser();
  const id = randomUUID();
  const device = { id, doc: new TaskDocument({ actor: id }) };
  await listOf(user, device, 3);
  // What a second node cached when it last served this user.
  const stale = await materialise(getDb(), user.id);

  await listOf(user, device, 6);
  expect((await compactUser(user.id)).pruned).toBeGreaterThan(4);
  // That node's cache: this process's copy is put back to where the other node's stands.
  const docs = existingSingleton<{ taskDocs: Map<string, unknown> }>('task-documents')!.taskDocs;
  docs.set(user.id, stale);

  const counts = await (await call(countsRoute, '/api/tasks/counts', { cookie: user.cookie })).json();
  expect(counts.open).toBe(9);
});
