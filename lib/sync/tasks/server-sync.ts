/**
 * The leader tab's conversation with the op-log API (seed 004): bootstrap when there is no
 * cursor or it expired (410), push the outbox in batches with the pull of the same round trip,
 * pull until the log is drained, and commit each acknowledgement together with the state.
 */
import { OPS_VERSION, type KeptOpEnvelope, type OpEnvelope, type TaskDocument } from '@/lib/shared/crdt';
import { ApiError } from '../conditional-fetch';
import type { PulledOps, TasksApi } from './api';
import { mergeSnapshot } from './replica';
import type { OutboxEntry, PersistedState, TaskStore } from './store';

/** Ops per push: half the server's limit, so a batch never meets the 413. */
export const PUSH_BATCH = 500;
export const PULL_LIMIT = 1000;

export interface ExchangeHooks {
  /** False once the tab stopped leading or was disposed: stop between requests. */
  active(): boolean;
  /** Local ops not yet counted in the outbox; with none, a pull skips reading the outbox first. */
  pendingHint(): number;
  /** Server ops are in the document now. */
  pulled(ops: (OpEnvelope | KeptOpEnvelope)[]): void;
  /** A bootstrap merged the server's state into the document. */
  bootstrapped(snapshot: string): void;
}

export interface ExchangeResult {
  /** Ops the server accepted from this browser (duplicates excluded). */
  pushed: number;
  pulled: number;
  /** Pulled ops this build cannot read (skipped). */
  unreadable: number;
  /** Outbox ops the server refused and that were set aside. */
  refused: number;
}

function opIssueIndexes(err: ApiError): number[] {
  const indexes = new Set<number>();
  for (const issue of err.issues ?? []) {
    const path = (issue as { path?: unknown[] } | null)?.path;
    if (Array.isArray(path) && path[0] === 'ops' && typeof path[1] === 'number') indexes.add(path[1]);
  }
  return [...indexes];
}

export class ServerSync {
  /** The document holds every server op up to it; null = bootstrap first. */
  private cursor: number | null = null;
  private batchLimit = PUSH_BATCH;
  /**
   * The op set of a build that skipped ops it could not read (a build from before ops were kept, or
   * this one past `MAX_KEPT_OPS`); stored with the state, so a newer build bootstraps.
   */
  private skippedUnder: number | undefined;

  constructor(
    private readonly api: TasksApi,
    private readonly store: TaskStore,
    private readonly doc: TaskDocument,
    private clientId: string,
  ) {}

  get hasCursor(): boolean {
    return this.cursor !== null;
  }

  /**
   * Starts from the stored state: a tab that was following may have applied ops it cannot vouch
   * for, but the stored snapshot covers the stored cursor. A lower cursor only means pulling again.
   */
  async resume(): Promise<void> {
    const persisted = await this.store.loadState();
    // A build from before ops were kept skipped ops this one may read: bootstrap to get them (the merge
    // keeps the rest). Ops a later build kept are in the snapshot and take effect as it loads.
    const outdated = persisted?.skippedUnder !== undefined && persisted.skippedUnder < OPS_VERSION;
    this.skippedUnder = outdated ? undefined : persisted?.skippedUnder;
    this.cursor = persisted && mergeSnapshot(this.doc, persisted.snapshot) && !outdated ? persisted.cursor : null;
  }

  /** Writes the document with its cursor (the debounced save after local edits). */
  async save(): Promise<void> {
    if (this.cursor === null) return;
    await this.store.commit({ state: this.state(this.doc.toSnapshot(), this.cursor) });
  }

  private state(snapshot: string, cursor: number): PersistedState {
    if (this.doc.droppedKept) this.skippedUnder = OPS_VERSION;
    return this.skippedUnder === undefined ? { snapshot, cursor } : { snapshot, cursor, skippedUnder: this.skippedUnder };
  }

  /** Pushes the outbox and pulls until both are done. Throws what should be retried later. */
  async exchange(hooks: ExchangeHooks): Promise<ExchangeResult> {
    const result: ExchangeResult = { pushed: 0, pulled: 0, unreadable: 0, refused: 0 };
    let needPull = true;
    let bootstrapped = false;
    let renewed = false;
    while (hooks.active()) {
      if (this.cursor === null) {
        result.unreadable += await this.bootstrap(hooks);
        bootstrapped = true;
        // A bootstrap is as fresh as a pull: only the outbox is left to do.
        needPull = false;
      }
      const since = this.cursor!;
      // A nudge with nothing to push pulls at once; the outbox is read after, off the critical path.
      const batch: OutboxEntry[] = needPull && hooks.pendingHint() === 0 ? [] : await this.store.outbox(this.batchLimit);
      if (batch.length === 0 && !needPull) break;
      let page: PulledOps | null;
      try {
        page = batch.length > 0 ? await this.push(batch, since, result) : await this.api.pull(this.clientId, since, PULL_LIMIT);
      } catch (err) {
        if (!(err instanceof ApiError)) throw err;
        if (err.status === 410 && !bootstrapped) {
          // Retired, or compacted past our cursor: bootstrap again; the outbox stays and is pushed after.
          this.cursor = null;
          continue;
        }
        if (err.status === 403 && !renewed) {
          this.clientId = await this.store.renewClientId();
          renewed = true;
          this.cursor = null;
          continue;
        }
        if (batch.length > 0 && (await this.refused(batch, err, result))) continue;
        throw err;
      }
      if (page === null) {
        needPull = false;
        continue;
      }
      this.doc.take(page);
      result.unreadable += page.kept.length + page.unreadable;
      result.pulled += page.ops.length;
      // A page that says "more" but moved nowhere would loop forever: take it as the end.
      needPull = page.hasMore && page.lastSeq > since;
      this.cursor = page.hasMore ? Math.max(since, page.lastSeq) : Math.max(since, page.serverSeq, page.lastSeq);
      // Shown before it is saved: what the server sent can be pulled again, a wait cannot be undone.
      const taken = [...page.ops, ...page.kept];
      if (taken.length > 0) hooks.pulled(taken);
      if (batch.length > 0 || taken.length > 0 || this.cursor !== since) {
        await this.store.commit({ ack: batch.map((e) => e.seq), state: this.state(this.doc.toSnapshot(), this.cursor) });
      }
    }
    if ((await this.store.outboxCount()) === 0) this.batchLimit = PUSH_BATCH;
    return result;
  }

  private async push(batch: OutboxEntry[], since: number, result: ExchangeResult): Promise<PulledOps> {
    const ops = batch.map((e) => e.op);
    // Ops of a tab whose broadcast this one missed: the snapshot committed with the ack must hold them.
    this.doc.applyAll(ops);
    const res = await this.api.sync(this.clientId, since, ops);
    result.pushed += res.accepted;
    return res;
  }

  /** A 400 naming ops, or a 413: set those ops aside or halve the batch. False: not about the ops. */
  private async refused(batch: OutboxEntry[], err: ApiError, result: ExchangeResult): Promise<boolean> {
    const reason = `${err.code}: ${err.message}`;
    if (err.status === 413 && batch.length > 1) {
      this.batchLimit = Math.ceil(batch.length / 2);
      return true;
    }
    const bad = err.status === 413 ? [0] : err.status === 400 ? opIssueIndexes(err).filter((i) => i < batch.length) : [];
    for (const i of bad) await this.store.reject(batch[i], reason);
    result.refused += bad.length;
    return bad.length > 0;
  }

  /** Resolves with the number of ops this build could not read. */
  private async bootstrap(hooks: ExchangeHooks): Promise<number> {
    const boot = await this.api.bootstrap(this.clientId);
    for (const s of boot.snapshots) this.doc.loadResource(s.scope, s.resourceId, s.state);
    this.doc.take(boot);
    // Merged into the replica rather than replacing it, with the outbox applied on top again:
    // whatever the server has not acknowledged stays visible and is pushed next.
    this.doc.applyAll((await this.store.outbox()).map((e) => e.op));
    this.cursor = Math.max(boot.serverSeq, boot.lastSeq);
    const snapshot = this.doc.toSnapshot();
    await this.store.commit({ state: this.state(snapshot, this.cursor), force: true });
    hooks.bootstrapped(snapshot);
    return boot.kept.length + boot.unreadable;
  }
}
