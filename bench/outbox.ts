// bench/outbox: 1,000 mood entries logged offline, queued in the browser's outbox (lib/sync/outbox.ts
// over fake-indexeddb) and replayed on reconnect — time and requests — beside the same 1,000 sent
// online one by one, and a forced second replay of the same writes (same Idempotency-Keys: stored
// answers, no new rows). The requests go through the real route handler in-process (route(),
// idempotency, the mood service and the database), not over a socket.
// Prints one JSON line. Usage: npm run bench:outbox [-- --quick]
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const QUICK = process.argv.includes('--quick');
const WRITES = QUICK ? 200 : 1_000;
const ORIGIN = 'http://localhost:3000';

const dir = mkdtempSync(join(tmpdir(), 'bench-outbox-'));
process.env.DATA_DIR = join(dir, 'data');
process.env.DATABASE_URL = `file:${join(dir, 'data', 'bench.db')}`;
process.env.APP_ENV = 'test';
process.env.NEXTAUTH_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

async function main() {
  const { ensureDatabase } = await import('@/lib/server/platform/db/migrate');
  const { getClient, closeDb } = await import('@/lib/server/platform/db/client');
  const { createUser } = await import('@/lib/server/domains/account/users');
  const { openSession } = await import('@/lib/server/platform/auth/sessions');
  const { encode } = await import('next-auth/jwt');
  const { CURRENT_TERMS } = await import('@/lib/shared/terms');
  const { POST } = await import('@/app/api/mood/entries/route');
  const { Outbox } = await import('@/lib/sync/outbox');
  await ensureDatabase();

  const user = await createUser({ email: `${randomUUID()}@bench.test`, password: 'bench password 123', name: 'Bench', timezone: 'UTC' });
  const sid = randomUUID();
  await openSession(user.id, sid, null);
  const token = await encode({
    token: { sub: user.id, email: user.email, name: user.name, role: user.role, termsVersion: CURRENT_TERMS.version, sid },
    secret: process.env.NEXTAUTH_SECRET!,
  });
  const cookie = `next-auth.session-token=${token}`;

  let requests = 0;
  const handlerFetch: typeof fetch = async (input, init) => {
    requests += 1;
    const headers = new Headers(init?.headers);
    headers.set('cookie', cookie);
    headers.set('origin', ORIGIN);
    return POST(new Request(`${ORIGIN}${String(input)}`, { ...init, headers }), { params: Promise.resolve({}) });
  };
  const state = { online: true };
  const env = { fetch: handlerFetch, online: () => state.online, exclusive: <T>(_n: string, work: () => Promise<T>) => work() };
  const entry = (i: number) => ({ key: randomUUID(), method: 'POST' as const, url: '/api/mood/entries', body: { score: (i % 10) + 1 }, deviceId: 'bench' });
  const rows = async () => Number((await getClient().execute({ sql: 'SELECT count(*) AS n FROM mood_entries WHERE user_id = ?', args: [user.id] })).rows[0].n);
  const time = async (fn: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    await fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };

  // Online, one by one: each write sent as the user makes it.
  const online = new Outbox('bench-online', env);
  requests = 0;
  const onlineMs = await time(async () => {
    for (let i = 0; i < WRITES; i++) await online.send(entry(i));
  });
  const onlineRequests = requests;

  // Offline: queued durably, then replayed on reconnect.
  const offline = new Outbox('bench-offline', env);
  state.online = false;
  const kept = Array.from({ length: WRITES }, (_, i) => entry(i));
  const queueMs = await time(async () => {
    for (const w of kept) await offline.send(w).catch(() => undefined);
  });
  state.online = true;
  requests = 0;
  const before = await rows();
  let delivered = 0;
  const replayMs = await time(async () => {
    delivered = (await offline.deliver()).delivered;
  });
  const replayRequests = requests;
  const added = (await rows()) - before;

  // Forced second replay of the same writes (their answers were "lost"): nothing new is written.
  state.online = false;
  for (const w of kept) await offline.send(w).catch(() => undefined);
  state.online = true;
  const beforeSecond = await rows();
  const secondMs = await time(() => offline.deliver());
  const addedBySecond = (await rows()) - beforeSecond;

  console.log(
    JSON.stringify({
      bench: 'outbox',
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}`,
      node: process.version,
      level: 'Outbox (fake-indexeddb) → route handler in-process (route(), Idempotency-Key, mood service, libsql file)',
      writes: WRITES,
      online_one_by_one: { ms: Math.round(onlineMs), requests: onlineRequests },
      offline_queue: { ms: Math.round(queueMs) },
      replay_on_reconnect: { ms: Math.round(replayMs), requests: replayRequests, delivered, rows_added: added },
      replay_forced_again: { ms: Math.round(secondMs), rows_added: addedBySecond },
      ratio_replay_to_online: +(replayMs / onlineMs).toFixed(2),
      targets: { each_write_once: added === WRITES && addedBySecond === 0, one_request_per_write: replayRequests === WRITES },
    }),
  );
  closeDb();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
