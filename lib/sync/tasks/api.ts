/**
 * The op-log endpoints as the tasks engine calls them (seed 004, DESIGN.md "Tasks: op-log sync").
 * Every op the server sends is parsed before it reaches a TaskDocument: `apply` trusts its input.
 */
import type { KeptOpEnvelope, OpEnvelope, OpScope } from '@/lib/shared/crdt';
import { bool, int, isRecord, readOps, ShapeError, type Check } from '@/lib/shared/crdt/check';
import { toApiError } from '../conditional-fetch';
import { REQUEST_TIMEOUT_MS, withDeadline } from '../deadline';

export const SYNC_URL = '/api/tasks/sync';
export const PULL_URL = '/api/sync/pull';
export const BOOTSTRAP_URL = '/api/sync/bootstrap';

export interface PulledOps {
  ops: OpEnvelope[];
  /** Ops of types this build does not know (a newer app version made them): kept and passed on. */
  kept: KeptOpEnvelope[];
  /** The highest serverSeq among the ops (0 when none); a cursor never moves past what was taken in. */
  lastSeq: number;
  serverSeq: number;
  hasMore: boolean;
  /** Items that are no op at all; they were left out. */
  unreadable: number;
}

export interface SyncResult extends PulledOps {
  accepted: number;
  duplicates: number;
}

export interface ResourceSnapshot {
  scope: OpScope;
  resourceId: string;
  /** `TaskDocument.snapshotResource` output, for `loadResource`. */
  state: string;
}

export interface Bootstrap extends PulledOps {
  snapshots: ResourceSnapshot[];
}

/** The request never got an HTTP answer (offline, DNS, connection reset). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('Could not reach the server', { cause });
    this.name = 'NetworkError';
  }
}

// The answers' shapes, checked by hand (the engine loads no Zod, decision 065): a missing or wrong
// field is refused (a ShapeError); fields the server adds later are left out.
const count = int(0);
const list: Check<unknown[]> = (v, path) => {
  if (!Array.isArray(v)) throw new ShapeError(path, 'Expected a list');
  return v;
};
const object = (v: unknown, path: string): Record<string, unknown> => {
  if (!isRecord(v)) throw new ShapeError(path, 'Expected an object');
  return v;
};

/** `{ ops, serverSeq, hasMore = false }` and the fields `more` names. */
function readBody<M extends Record<string, Check>>(
  json: unknown,
  more: M,
): { ops: unknown[]; serverSeq: number; hasMore: boolean } & { [K in keyof M]: ReturnType<M[K]> } {
  const o = object(json, '');
  const body: Record<string, unknown> = {
    ops: list(o.ops, 'ops'),
    serverSeq: count(o.serverSeq, 'serverSeq'),
    hasMore: o.hasMore === undefined ? false : bool(o.hasMore, 'hasMore'),
  };
  for (const [key, check] of Object.entries(more)) body[key] = check(o[key], key);
  return body as never;
}

type SnapshotEntry = { scope: OpScope; resourceId: string; state: string | Record<string, unknown> };
const snapshotList: Check<SnapshotEntry[]> = (v, path) =>
  list(v, path).map((item, i): SnapshotEntry => {
    const where = `${path}[${i}]`;
    const s = object(item, where);
    if (s.scope !== 'registry' && s.scope !== 'list') throw new ShapeError(`${where}.scope`, 'Use registry or list');
    if (typeof s.resourceId !== 'string') throw new ShapeError(`${where}.resourceId`, 'Expected text');
    if (typeof s.state !== 'string' && !isRecord(s.state)) throw new ShapeError(`${where}.state`, 'Expected a snapshot');
    return { scope: s.scope, resourceId: s.resourceId, state: s.state };
  });

/** An op's place in the log, when it has a sane one. */
function seqOf(item: unknown): number | null {
  const seq = isRecord(item) ? item.serverSeq : undefined;
  return typeof seq === 'number' && Number.isSafeInteger(seq) && seq >= 1 ? seq : null;
}

function readPage(raw: unknown[]): Pick<PulledOps, 'ops' | 'kept' | 'lastSeq' | 'unreadable'> {
  let lastSeq = 0;
  const envelopes = raw.map((item) => {
    const seq = seqOf(item);
    if (seq !== null) lastSeq = Math.max(lastSeq, seq);
    // The envelope checks are strict: serverSeq is the log's, not the op's.
    const { serverSeq: _seq, ...envelope } = (item ?? {}) as Record<string, unknown>;
    return envelope;
  });
  return { ...readOps(envelopes), lastSeq };
}

export interface TasksApiOptions {
  deviceId: string;
  fetch?: typeof fetch;
  /** A request (and reading its body) still unfinished after this long fails as a NetworkError. */
  timeoutMs?: number;
}

export class TasksApi {
  private readonly fetchImpl: typeof fetch;
  /** The last pull's URL and ETag: a repeated pull from the same cursor is answered 304. */
  private lastPull: { url: string; etag: string } | null = null;

  constructor(private readonly o: TasksApiOptions) {
    this.fetchImpl = o.fetch ?? ((...args) => fetch(...args));
  }

  /** Push a batch and pull what is new since `since`, in one round trip. */
  async sync(clientId: string, since: number, ops: OpEnvelope[]): Promise<SyncResult> {
    const body = readBody(await this.json(SYNC_URL, { method: 'POST', body: JSON.stringify({ clientId, since, ops }) }), {
      accepted: count,
      duplicates: count,
    });
    return { ...body, ...readPage(body.ops) };
  }

  /** Ops after `since`; null when the server answers 304 (nothing new since the same pull). */
  async pull(clientId: string, since: number, limit: number): Promise<PulledOps | null> {
    const url = `${PULL_URL}?${new URLSearchParams({ clientId, since: String(since), limit: String(limit) })}`;
    const etag = this.lastPull?.url === url ? this.lastPull.etag : null;
    return this.request(url, { method: 'GET', headers: etag ? { 'If-None-Match': etag } : {} }, async (res) => {
      if (res.status === 304) return null;
      if (!res.ok) throw await toApiError(res);
      const body = readBody(await res.json(), {});
      const tag = res.headers.get('etag');
      this.lastPull = tag ? { url, etag: tag } : null;
      return { ...body, ...readPage(body.ops) };
    });
  }

  async bootstrap(clientId: string): Promise<Bootstrap> {
    const body = readBody(await this.json(`${BOOTSTRAP_URL}?${new URLSearchParams({ clientId })}`, { method: 'GET' }), { snapshots: snapshotList });
    const snapshots = body.snapshots.map((s) => ({ ...s, state: typeof s.state === 'string' ? s.state : JSON.stringify(s.state) }));
    return { ...body, ...readPage(body.ops), snapshots };
  }

  private json(url: string, init: RequestInit): Promise<unknown> {
    return this.request(url, init, async (res) => {
      if (!res.ok) throw await toApiError(res);
      return res.json();
    });
  }

  /** Sends a request and reads its answer with `read`, all under one deadline. */
  private async request<T>(url: string, init: RequestInit, read: (res: Response) => Promise<T>): Promise<T> {
    const headers = {
      Accept: 'application/json',
      'X-Device-Id': this.o.deviceId,
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
      ...(init.headers as Record<string, string> | undefined),
    };
    let answered = false;
    try {
      return await withDeadline(this.o.timeoutMs ?? REQUEST_TIMEOUT_MS, url, undefined, async (signal) => {
        const res = await this.fetchImpl(url, { ...init, headers, signal, credentials: 'same-origin', cache: 'no-store' });
        answered = true;
        return read(res);
      });
    } catch (err) {
      // No answer, no answer in time, or the connection dropped mid-body: offline, not a refusal.
      const network = !answered || err instanceof TypeError || (err instanceof DOMException && err.name === 'TimeoutError');
      throw network ? new NetworkError(err) : err;
    }
  }
}
