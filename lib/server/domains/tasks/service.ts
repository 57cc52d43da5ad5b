import 'server-only';
import { LOCAL_MIDNIGHT_BUCKET_MS, read } from '@/lib/server/platform/http/read';
import type { ListedTask, ListView, OpEnvelope, Priority, TaskCounts, TaskDocument } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import { writeChange, type ServiceContext } from '@/lib/server/platform/changes';
import { config } from '@/lib/server/platform/config';
import { getDb, type Db, type Tx } from '@/lib/server/platform/db/client';
import { sqlValues } from '@/lib/server/platform/db/statements';
import { AppError } from '@/lib/server/platform/errors';
import { advanceCursor, checkClient, cursorExpired, markSeen, readClient, recordPull, touchClient } from '@/lib/server/platform/oplog/clients';
import { appendToDocument, caughtUp, currentDocument, forgetDocument } from '@/lib/server/platform/oplog/documents';
import { appendOps, headSeq, logBounds, opsAfter, setLastSeq, type StoredOp } from '@/lib/server/platform/oplog/log';
import { readLogState } from '@/lib/server/platform/oplog/state';

export interface PushResult {
  accepted: number;
  duplicates: number;
  serverSeq: number;
}

export interface PullResult {
  ops: StoredOp[];
  serverSeq: number;
  hasMore: boolean;
}

export const PULL_DEFAULT_LIMIT = 500;
export const PULL_MAX_LIMIT = 5000;
// A Lamport clock legitimately never gets near this; a forged huge clock would exhaust the user's clock space.
const MAX_CLOCK = 1e12;

async function timezoneOf(db: Db | Tx, userId: string): Promise<string> {
  const [row] = await sqlValues<[string]>(db, 'select timezone from users where id = ?', [userId]);
  return row?.[0] ?? 'UTC';
}

function checkBatch(batch: OpEnvelope[]): void {
  const max = config().OPLOG_MAX_OPS_PER_PUSH;
  if (batch.length > max) throw new AppError('payload_too_large', `A push may carry at most ${max} ops; send the rest in further batches`);
  const bad = batch.findIndex((op) => op.clock > MAX_CLOCK);
  if (bad >= 0)
    throw new AppError('validation_failed', `ops[${bad}].clock is implausibly large`, [{ path: ['ops', bad, 'clock'], message: `At most ${MAX_CLOCK}` }]);
}

function touchedTaskIds(batch: OpEnvelope[]): string[] {
  const ids = new Set<string>();
  for (const op of batch) if ('taskId' in op.payload) ids.add(op.payload.taskId);
  return [...ids];
}

/**
 * Appends a batch to the user's op log in one transaction: dedupes on (actor, clock, scope,
 * resourceId), assigns server_seq in arrival order, and publishes one `tasks` change whose hints
 * say whether today's count moved (computed from the materialised state before and after).
 */
export async function pushTasks(ctx: ServiceContext, input: { clientId: string; ops: OpEnvelope[] }): Promise<PushResult> {
  checkBatch(input.ops);
  if (input.ops.length === 0) {
    await getDb().transaction((tx) => touchClient(tx, ctx.userId, input.clientId, Date.now()));
    return { accepted: 0, duplicates: 0, serverSeq: await headSeq(getDb(), ctx.userId) };
  }
  let pushed: PushResult;
  try {
    pushed = await writeChange(ctx, ['tasks'], async ({ tx, now, hints }) => {
      // The client's ownership and retirement are checked before anything is written (403, 410).
      const client = await readClient(tx, input.clientId);
      checkClient(client, ctx.userId);
      const log = await logBounds(tx, ctx.userId);
      const today = localDay(now, await timezoneOf(tx, ctx.userId));
      const seen = await caughtUp(tx, ctx.userId, log);
      const before = seen.doc.counts(today);
      // Numbers given to duplicates stay unused (cursors need order, not density).
      const first = log.last + 1;
      const stored = await appendOps(tx, ctx.userId, first, input.ops, now);
      const last = stored.length ? Math.max(...stored) : 0;
      let doc = seen.doc;
      // A batch of nothing but duplicates writes nothing here, so writeChange rolls it back (below).
      if (stored.length) {
        await setLastSeq(tx, ctx.userId, last);
        await markSeen(tx, ctx.userId, input.clientId, client, now);
        const appended = stored.map((seq) => input.ops[seq - first]);
        if (!appendToDocument(ctx.userId, seen, appended, last)) doc = await currentDocument(tx, ctx.userId);
      }
      const after = doc.counts(today);
      hints.todayCountChanged = before.today !== after.today;
      hints.todayCount = after.today;
      hints.updatedTaskIds = touchedTaskIds(input.ops);
      return { accepted: stored.length, duplicates: input.ops.length - stored.length, serverSeq: Math.max(log.head, last) };
    });
  } catch (err) {
    forgetDocument(ctx.userId);
    throw err;
  }
  // All duplicates: nothing changed, nothing bumped or published; the client is still seen (and registered).
  if (pushed.accepted === 0) await getDb().transaction((tx) => touchClient(tx, ctx.userId, input.clientId, Date.now()));
  return pushed;
}

type PullInput = { clientId: string; since: number; limit?: number };

/** Ops after `since` for this client; `since` acknowledges everything up to it (its cursor). */
export async function pullTasks(ctx: ServiceContext, input: PullInput): Promise<PullResult> {
  const head = await checkCursor(ctx, input.since);
  await recordPull(getDb(), ctx.userId, input.clientId, input.since, Date.now());
  return pullPage(ctx, input, head);
}

/**
 * GET /api/sync/pull. The client's pull is recorded (ownership, retirement, its cursor and "seen")
 * before the ETag is even compared, so a client that only ever gets 304s is alive, and a retired
 * one gets its 410 without any write having to move the `tasks` scope.
 */
export const tasksPull = read<PullResult, PullInput>(
  async (ctx, input) => {
    await checkCursor(ctx, input.since);
    await recordPull(getDb(), ctx.userId, input.clientId, input.since, Date.now());
    return { scopes: ['tasks'] };
  },
  (ctx, input) => pullPage(ctx, input),
);

/**
 * 410 for a cursor the log cannot serve: below its compaction floor, or ahead of its head — handed
 * out by a log that is gone (a backup restored), so the client would miss every op numbered up to
 * it and bootstraps instead. Returns the head. Checked before anything is written, so a refused
 * pull or sync changes nothing (not even the client's registration).
 */
async function checkCursor(ctx: ServiceContext, since: number): Promise<number> {
  const { floor, head } = await logBounds(getDb(), ctx.userId);
  if (since < floor || since > head) throw cursorExpired();
  return head;
}

/** `checked`: the head the caller's `checkCursor` just read (before the page, as it must be). */
async function pullPage(ctx: ServiceContext, input: PullInput, checked?: number): Promise<PullResult> {
  const db = getDb();
  const limit = Math.min(input.limit ?? PULL_DEFAULT_LIMIT, PULL_MAX_LIMIT);
  // The head before the page: a push committing between the two reads must land above the answered
  // serverSeq (pulled next time), never below it, where the client's cursor would skip it for good.
  const head = checked ?? (await checkCursor(ctx, input.since));
  const rows = await opsAfter(db, ctx.userId, input.since, limit + 1);
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const serverSeq = hasMore ? page[page.length - 1].serverSeq : Math.max(input.since, head, page.at(-1)?.serverSeq ?? 0);
  return { ops: page, serverSeq, hasMore };
}

/** Latest snapshots + the ops after them: a new or retired client starts here. */
export async function bootstrapTasks(ctx: ServiceContext, input: { clientId: string }) {
  const db = getDb();
  const now = Date.now();
  await touchClient(db, ctx.userId, input.clientId, now, { revive: true });
  const { snaps, rest, upto: serverSeq } = await readLogState(db, ctx.userId);
  await advanceCursor(db, input.clientId, serverSeq, now);
  return {
    snapshots: snaps.map((s) => ({ scope: s.scope, resourceId: s.resourceId, uptoServerSeq: s.uptoServerSeq, state: s.state })),
    ops: rest,
    serverSeq,
  };
}

/** The seed's refresh endpoint: push and pull in one round trip. */
export async function syncTasks(ctx: ServiceContext, input: { clientId: string; since: number; ops: OpEnvelope[]; limit?: number }) {
  // A cursor the pull would refuse refuses the whole round trip before the push writes anything.
  await checkCursor(ctx, input.since);
  const pushed = await pushTasks(ctx, { clientId: input.clientId, ops: input.ops });
  const pulled = await pullTasks(ctx, { clientId: input.clientId, since: input.since, limit: input.limit });
  return { accepted: pushed.accepted, duplicates: pushed.duplicates, ops: pulled.ops, serverSeq: pulled.serverSeq, hasMore: pulled.hasMore };
}

async function documentAndToday(ctx: ServiceContext): Promise<{ doc: TaskDocument; today: string }> {
  const db = getDb();
  return { doc: await currentDocument(db, ctx.userId), today: localDay(Date.now(), await timezoneOf(db, ctx.userId)) };
}

/** {today, overdue, open} from the materialised state, "today" in the user's own time zone. */
export const taskCounts = read<TaskCounts>({ scopes: ['tasks', 'profile'], everyMs: LOCAL_MIDNIGHT_BUCKET_MS }, async (ctx) => {
  const { doc, today } = await documentAndToday(ctx);
  return doc.counts(today);
});

/** An open task due today or earlier (the Today page builds its plan from them). */
export interface DueTask {
  id: string;
  title: string;
  listId: string;
  dueDay: string;
  dueTime: string | null;
  priority: Priority | null;
  overdue: boolean;
}

/** Open tasks due today or earlier. */
export async function tasksDueToday(ctx: ServiceContext): Promise<DueTask[]> {
  const { doc, today } = await documentAndToday(ctx);
  const due: DueTask[] = [];
  for (const list of doc.lists()) {
    if (list.archived) continue;
    for (const t of list.tasks) {
      if (t.completed || !t.dueDay || t.dueDay > today) continue;
      due.push({ id: t.id, title: t.title, listId: list.id, dueDay: t.dueDay, dueTime: t.dueTime, priority: t.priority, overdue: t.dueDay < today });
    }
  }
  return due;
}

/** The tasks among `ids` as they stand (done or not, and their list); deleted ones are absent. */
export async function taskStates(ctx: ServiceContext, ids: readonly string[]): Promise<Map<string, ListedTask>> {
  const states = new Map<string, ListedTask>();
  if (ids.length === 0) return states;
  const doc = await currentDocument(getDb(), ctx.userId);
  for (const id of ids) {
    const task = doc.task(id);
    if (task) states.set(id, task);
  }
  return states;
}

/** The user's lists, archived ones included, each with its tasks in order, as they stand now (the data export). */
export async function taskLists(ctx: ServiceContext): Promise<ListView[]> {
  return (await currentDocument(getDb(), ctx.userId)).lists();
}
