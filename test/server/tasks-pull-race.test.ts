import { randomUUID } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { GET as pullRoute } from '@/app/api/sync/pull/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { opsAfter } from '@/lib/server/platform/oplog/log';
import { TaskDocument, type OpEnvelope } from '@/lib/shared/crdt';
import { call, createTestUser, type TestUser } from './helpers';

// Found while writing e2e/api/convergence.spec.ts: a pull read its page, then the head; a push
// committed in between raised the answered serverSeq past an op the page did not hold.

vi.mock('@/lib/server/platform/oplog/log', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@/lib/server/platform/oplog/log')>();
  return { ...actual, opsAfter: vi.fn(actual.opsAfter) };
});

type Pulled = { ops: (OpEnvelope & { serverSeq: number })[]; serverSeq: number; hasMore: boolean };

const push = (user: TestUser, clientId: string, ops: OpEnvelope[]) =>
  call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops } });
const pull = async (user: TestUser, clientId: string, since: number): Promise<Pulled> =>
  (await call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=${since}`, { cookie: user.cookie })).json();

it('a pull never answers a serverSeq above an op it did not send, even when a push commits while it reads', async () => {
  const user = await createTestUser();
  const [a, b, reader] = [randomUUID(), randomUUID(), randomUUID()];
  const docA = new TaskDocument({ actor: a });
  const docB = new TaskDocument({ actor: b });
  expect((await push(user, a, [docA.createList('Mine')])).status).toBe(200);
  const late = docB.createList('Theirs');

  const real = await vi.importActual<typeof import('@/lib/server/platform/oplog/log')>('@/lib/server/platform/oplog/log');
  vi.mocked(opsAfter).mockImplementationOnce(async (...args) => {
    const page = await real.opsAfter(...args);
    // Another device's push commits after the pull read its page, before it answers.
    expect((await push(user, b, [late])).status).toBe(200);
    return page;
  });
  const first = await pull(user, reader, 0);
  const next = await pull(user, reader, first.serverSeq);

  const received = [...first.ops, ...next.ops].map((op) => `${op.actor}/${op.clock}`);
  expect(received).toEqual([`${a}/1`, `${b}/1`]);
});
