import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GET as pullRoute } from '@/app/api/sync/pull/route';
import { POST as pushRoute } from '@/app/api/sync/push/route';
import { getClient } from '@/lib/server/platform/db/client';
import { compactUser } from '@/lib/server/platform/oplog/compaction';
import { TaskDocument } from '@/lib/shared/crdt';
import { call, createTestUser } from './helpers';

// A client that pulls is a client that is alive (the restraint issue, item 8), and op-log text is
// kept exactly or refused (item 11).

const DAY = 86_400_000;

describe('op-log clients', () => {
  it('a client that only ever gets 304s is seen on its pulls, so compaction never retires it', async () => {
    const user = await createTestUser();
    const clientId = randomUUID();
    const doc = new TaskDocument({ actor: clientId });
    expect((await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops: [doc.createList('Inbox')] } })).status).toBe(
      200,
    );
    const { serverSeq } = await (await call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=0`, { cookie: user.cookie })).json();
    const etag = (await call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=${serverSeq}`, { cookie: user.cookie })).headers.get('etag')!;
    // Last contact 31 days ago, as if the device had slept that long.
    const longAgo = Date.now() - 31 * DAY;
    await getClient().execute({ sql: 'UPDATE sync_clients SET last_seen_at = ? WHERE client_id = ?', args: [longAgo, clientId] });
    const again = await call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=${serverSeq}`, { cookie: user.cookie, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const seen = (await getClient().execute({ sql: 'SELECT last_seen_at, retired_at FROM sync_clients WHERE client_id = ?', args: [clientId] })).rows[0];
    expect(Number(seen.last_seen_at)).toBeGreaterThan(longAgo);
    expect((await compactUser(user.id)).retired).toBe(0);
    expect((await call(pullRoute, `/api/sync/pull?clientId=${clientId}&since=${serverSeq}`, { cookie: user.cookie })).status).toBe(200);
  });

  it('refuses a task title or list name holding NUL or a lone surrogate (400), storing nothing', async () => {
    const user = await createTestUser();
    const clientId = randomUUID();
    for (const name of ['AB\u0000CD', '\u0000hidden', 'half \uD800 pair']) {
      const op = new TaskDocument({ actor: clientId }).createList('Inbox');
      const sent = { ...op, payload: { ...op.payload, name } };
      const res = await call(pushRoute, '/api/sync/push', { method: 'POST', cookie: user.cookie, body: { clientId, ops: [sent] } });
      expect(res.status, name).toBe(400);
    }
    const { rows } = await getClient().execute({ sql: 'SELECT count(*) AS n FROM ops WHERE user_id = ?', args: [user.id] });
    expect(Number(rows[0].n)).toBe(0);
  });
});
