/**
 * The tasks sync engine (seed 004, DESIGN.md "Tasks: op-log sync"): one per tab, framework-free.
 *
 * Every tab keeps its own TaskDocument replica. A local op applies to it at once, is written to
 * the shared IndexedDB outbox, and is then broadcast to the other tabs. Only the leader tab (Web
 * Locks) talks to the server (server-sync.ts): it pushes at once, pulls on SSE nudges, focus,
 * (re)connects and a fallback poll while realtime is not live, and broadcasts what it pulled.
 */
import { countTasks, TaskDocument, type ListView, type NewTask, type OpEnvelope, type TaskCounts, type TaskPlacement } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import type { SseEvent } from '@/lib/shared/realtime';
import { isTimeZone } from '@/lib/shared/timezone';
import { systemClock, type Clock } from '../clock';
import { ApiError } from '../conditional-fetch';
import { contracts } from '../contracts';
import type { Election } from '../leader';
import type { LifecycleEvent, LifecycleSource } from '../lifecycle';
import type { RealtimeState } from '../sse-client';
import type { TabChannel } from '../tab-channel';
import { NetworkError, TasksApi } from './api';
import { browserNetwork, type NetworkSource } from './network';
import { mergeSnapshot, readOps } from './replica';
import { ServerSync, type ExchangeHooks } from './server-sync';
import { memoryTaskStore, type TaskStore } from './store';
import type { SharedStatus, SyncReason, TasksTabMessage } from './tab-protocol';

export const SAVE_DELAY_MS = 1000;
export const RETRY_BASE_MS = 1000;
export const RETRY_MAX_MS = 60_000;
/** How often a tab pulls while the event stream is live (the nudges make it fresh in between). */
export const LIVE_SAFETY_PULL_MS = 5 * 60_000;

export interface TasksSyncState {
  /** False until this tab has loaded its replica from IndexedDB. */
  ready: boolean;
  lists: ListView[];
  counts: TaskCounts;
  /** Today in the user's time zone (`setTimeZone`), YYYY-MM-DD. */
  today: string;
  /** Local ops the server has not acknowledged yet, from every tab. */
  pendingOps: number;
  lastSyncedAt: number | null;
  online: boolean;
  syncing: boolean;
  error: string | null;
  leader: boolean;
}

/** The part of lib/sync's RealtimeClient the engine listens to. */
export interface RealtimeSource {
  on(channel: string, handler: (event: SseEvent) => void): () => void;
  onResync(fn: () => void): () => void;
  onStatus(fn: (state: RealtimeState) => void): () => void;
}

export interface SyncReport {
  /** Ops the server accepted from this browser in the cycle (duplicates excluded). */
  pushed: number;
  pulled: number;
}

export interface SyncEngineOptions {
  userId: string;
  deviceId: string;
  openStore: () => Promise<TaskStore>;
  channel: TabChannel<TasksTabMessage>;
  /** Joins the election of the tab that syncs, e.g. `(on) => elect(\`pos-tasks:${userId}\`, on)`. */
  elect: (onChange: (leader: boolean) => void) => Election;
  lifecycle: LifecycleSource;
  realtime?: RealtimeSource | null;
  network?: NetworkSource;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  /** Multiplies the contract's poll interval (tests and benchmarks compress time). */
  scale?: number;
  timeZone?: string;
  newId?: () => string;
}

const browserTimeZone = () => {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
};

const isTasksEvent = (event: SseEvent) => event.channel === 'tasks' || (event.changedScopes ?? []).includes('tasks');

export class SyncEngine {
  private readonly listeners = new Set<() => void>();
  private readonly syncedListeners = new Set<(report: SyncReport) => void>();
  private readonly cleanups: (() => void)[] = [];
  private readonly api: TasksApi;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly network: NetworkSource;
  private readonly newId: () => string;
  /** Tells this tab's messages apart; also makes its actor id unique (see `load`). */
  private readonly tabId: string;
  private state: TasksSyncState;

  private store: TaskStore | null = null;
  private doc: TaskDocument | null = null;
  private server: ServerSync | null = null;
  private election: Election | null = null;
  private starting: Promise<void> | null = null;
  private leader = false;
  private disposed = false;
  private pageGone = false;
  private timeZone: string;
  private realtimeState: RealtimeState | null = null;

  private unsaved: OpEnvelope[] = [];
  private writes: Promise<void> = Promise.resolve();
  private outboxCount = 0;
  private countSeq = 0;

  private cycle: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private shared: SharedStatus;
  /** This tab's own problems, shown before the leader's sync error. */
  private readonly notes: { write: string | null; storage: string | null; refused: string | null } = { write: null, storage: null, refused: null };
  private lastPollAt = 0;
  private retryTimer: unknown = null;
  private saveTimer: unknown = null;
  private pollTimer: unknown = null;
  private docVersion = 0;
  private listsVersion = -1;

  constructor(private readonly o: SyncEngineOptions) {
    this.clock = o.clock ?? systemClock;
    this.random = o.random ?? Math.random;
    this.network = o.network ?? browserNetwork;
    this.newId = o.newId ?? (() => crypto.randomUUID());
    this.tabId = this.newId()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 12);
    this.api = new TasksApi({ deviceId: o.deviceId, fetch: o.fetch });
    this.timeZone = o.timeZone && isTimeZone(o.timeZone) ? o.timeZone : browserTimeZone();
    this.shared = { lastSyncedAt: null, online: this.network.isOnline(), syncing: false, error: null };
    const today = localDay(this.clock.now(), this.timeZone);
    this.state = {
      ready: false,
      lists: [],
      counts: { today: 0, overdue: 0, open: 0 },
      today,
      pendingOps: 0,
      lastSyncedAt: null,
      online: this.shared.online,
      syncing: false,
      error: null,
      leader: false,
    };
  }

  // --- Subscribe API -------------------------------------------------------------------------

  getState = (): TasksSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Called after each of this tab's sync cycles that reached the server. */
  onSynced(listener: (report: SyncReport) => void): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  setTimeZone(timeZone: string): void {
    if (!isTimeZone(timeZone) || timeZone === this.timeZone) return;
    this.timeZone = timeZone;
    this.emit();
  }

  // --- Lifecycle ------------------------------------------------------------------------------

  /** Loads the replica from IndexedDB and joins the tabs; safe to call more than once. */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.cleanups.splice(0).forEach((fn) => fn());
    this.election?.resign();
    this.clearTimers();
    const store = this.store;
    // Let accepted local ops reach the disk before the connection closes.
    void this.writes.then(() => store?.close());
  }

  /** Resolves once every local op accepted so far is in the IndexedDB outbox. */
  async saved(): Promise<void> {
    await this.start();
    await this.writes;
  }

  /** Pushes and pulls now (the leader), or asks the leader to. */
  async syncNow(): Promise<void> {
    await this.saved();
    if (this.leader) await this.runCycle();
    else this.request('manual');
  }

  // --- Local ops: applied at once, durable when the returned promise resolves ---------------------

  createList(name: string): Promise<string> {
    const op = this.local((doc) => doc.createList(name));
    return this.persist(op).then(() => op.payload.listId);
  }

  renameList(listId: string, name: string): Promise<void> {
    return this.persist(this.local((doc) => doc.renameList(listId, name)));
  }

  archiveList(listId: string, archived = true): Promise<void> {
    return this.persist(this.local((doc) => doc.archiveList(listId, archived)));
  }

  deleteList(listId: string): Promise<void> {
    return this.persist(this.local((doc) => doc.deleteList(listId)));
  }

  addTask(listId: string, task: NewTask): Promise<string> {
    const op = this.local((doc) => doc.addTask(listId, task));
    return this.persist(op).then(() => op.payload.taskId);
  }

  editTask(listId: string, taskId: string, fields: { title?: string; notes?: string }): Promise<void> {
    return this.persist(this.local((doc) => doc.editTask(listId, taskId, fields)));
  }

  setDue(listId: string, taskId: string, dueDay: string | null): Promise<void> {
    return this.persist(this.local((doc) => doc.setDue(listId, taskId, dueDay)));
  }

  setCompleted(listId: string, taskId: string, completed: boolean): Promise<void> {
    return this.persist(this.local((doc) => doc.setCompleted(listId, taskId, completed)));
  }

  moveTask(listId: string, taskId: string, placement: TaskPlacement): Promise<void> {
    return this.persist(this.local((doc) => doc.moveTask(listId, taskId, placement)));
  }

  deleteTask(listId: string, taskId: string): Promise<void> {
    return this.persist(this.local((doc) => doc.deleteTask(listId, taskId)));
  }

  // --- Loading and the tabs ---------------------------------------------------------------------

  private async load(): Promise<void> {
    try {
      await this.loadFrom(await this.o.openStore());
    } catch {
      this.store?.close();
      this.notes.storage = 'This browser cannot keep tasks offline: changes sync only while this tab is open.';
      await this.loadFrom(memoryTaskStore({ newId: this.newId }));
    }
  }

  private async loadFrom(store: TaskStore): Promise<void> {
    this.store = store;
    if (this.disposed) return store.close();
    const clientId = await store.clientId();
    // Tabs share the client id but not a replica: with one actor, two tabs could stamp two
    // different ops with the same (actor, clock), which the server dedupes into one.
    const options = { actor: `${clientId}-${this.tabId}`, newId: this.newId };
    const persisted = await store.loadState();
    this.doc = new TaskDocument(options);
    if (persisted) {
      try {
        this.doc = TaskDocument.fromSnapshot(persisted.snapshot, options);
      } catch {
        // A snapshot this build cannot read: start empty and bootstrap; the outbox still applies.
      }
    }
    this.server = new ServerSync(this.api, store, this.doc, clientId);
    const outbox = await store.outbox();
    this.doc.applyAll(outbox.map((e) => e.op));
    this.outboxCount = await store.outboxCount();
    if (this.disposed) return;

    this.cleanups.push(this.o.channel.subscribe((m) => this.onMessage(m)));
    this.cleanups.push(this.o.lifecycle.listen((e) => this.onLifecycle(e)));
    this.cleanups.push(this.network.listen((online) => this.onNetwork(online)));
    const realtime = this.o.realtime;
    if (realtime) {
      // Every tab hears every event (the SSE leader relays them); only the tasks leader acts on it.
      this.cleanups.push(
        realtime.on('*', (event) => {
          if (this.leader && isTasksEvent(event)) this.request('nudge');
        }),
      );
      this.cleanups.push(
        realtime.onResync(() => {
          if (this.leader) this.request('resync');
        }),
      );
      this.cleanups.push(
        realtime.onStatus((state) => {
          this.realtimeState = state;
          this.schedulePoll();
        }),
      );
    }
    this.docVersion += 1;
    this.state = { ...this.state, ready: true };
    this.lastPollAt = this.clock.now();
    this.emit();
    this.post({ kind: 'hello', userId: this.o.userId, from: this.tabId });
    this.election = this.o.elect((leader) => this.setLeader(leader));
    if (!this.pageGone) this.election.stand();
    this.schedulePoll();
  }

  private onMessage(m: TasksTabMessage): void {
    const doc = this.doc;
    if (!doc || this.disposed || m.userId !== this.o.userId) return;
    switch (m.kind) {
      case 'ops':
        doc.applyAll(readOps(m.ops));
        this.docChanged();
        void this.recount();
        if (this.leader) {
          this.scheduleSave();
          this.schedulePush();
        }
        return;
      case 'pulled':
        if (this.leader) return;
        doc.applyAll(readOps(m.ops));
        this.docChanged();
        return;
      case 'hello':
        if (!this.leader) return;
        this.post({ kind: 'state', userId: this.o.userId, to: m.from, snapshot: doc.toSnapshot() });
        this.post({ kind: 'status', userId: this.o.userId, status: this.shared });
        return;
      case 'state':
        if (m.to !== null && m.to !== this.tabId) return;
        if (mergeSnapshot(doc, m.snapshot)) this.docChanged();
        return;
      case 'status':
        if (this.leader) return;
        this.shared = m.status;
        void this.recount();
        this.schedulePoll();
        this.emit();
        return;
      case 'sync':
        if (this.leader) this.request(m.reason);
        return;
    }
  }

  private setLeader(leader: boolean): void {
    if (this.disposed || leader === this.leader) return;
    this.leader = leader;
    this.emit();
    if (!leader) {
      this.clearTimers();
      this.schedulePoll();
      return;
    }
    void this.takeOver();
  }

  private async takeOver(): Promise<void> {
    try {
      await this.server!.resume();
      this.docChanged();
    } catch {
      // The stored state is unreadable: the exchange bootstraps.
    }
    this.request('leader');
  }

  private onLifecycle(e: LifecycleEvent): void {
    switch (e.type) {
      case 'focus':
        this.request('focus');
        return;
      case 'visible': {
        const last = this.shared.lastSyncedAt;
        const staleMs = (contracts.tasks.staleMs ?? 0) * (this.o.scale ?? 1);
        if (last === null || this.clock.now() - last >= staleMs) this.request('visible');
        this.schedulePoll();
        this.emit();
        return;
      }
      case 'hidden':
        this.schedulePoll();
        return;
      case 'pagehide':
      case 'freeze':
        // A held lock keeps the page out of the back/forward cache; another tab takes over.
        this.pageGone = true;
        this.election?.resign();
        this.clearTimers();
        return;
      case 'pageshow':
      case 'resume':
        if (e.type === 'pageshow' && !e.persisted) return;
        this.pageGone = false;
        this.election?.stand();
        // Messages sent while this page was frozen were lost: ask the leader for its state.
        this.post({ kind: 'hello', userId: this.o.userId, from: this.tabId });
        this.request('resume');
        this.schedulePoll();
        return;
      default:
        return;
    }
  }

  private onNetwork(online: boolean): void {
    this.shared = { ...this.shared, online };
    this.emit();
    if (online) this.request('online');
  }

  // --- Writes -------------------------------------------------------------------------------------

  private local<T extends OpEnvelope>(make: (doc: TaskDocument) => T): T {
    if (!this.doc || this.disposed) throw new Error('Tasks are not loaded yet');
    const op = make(this.doc);
    this.docChanged();
    return op;
  }

  private persist(op: OpEnvelope): Promise<void> {
    this.unsaved.push(op);
    this.emit();
    const write = this.writes.then(() => this.flushUnsaved());
    this.writes = write.catch(() => {});
    return write;
  }

  /** Writes every op not yet on disk, in order; a failed write is retried with the next one. */
  private async flushUnsaved(): Promise<void> {
    if (this.unsaved.length === 0) return;
    const batch = this.unsaved.slice();
    try {
      await this.store!.append(batch);
    } catch (err) {
      this.notes.write = 'Could not save your change on this device. It is kept in this tab and saved with your next change.';
      this.emit();
      throw err;
    }
    this.unsaved.splice(0, batch.length);
    this.notes.write = null;
    this.countSeq += 1;
    this.outboxCount += batch.length;
    this.emit();
    this.post({ kind: 'ops', userId: this.o.userId, ops: batch });
    void this.recount();
    if (this.leader) {
      this.scheduleSave();
      this.schedulePush();
    }
  }

  private async recount(): Promise<void> {
    const seq = ++this.countSeq;
    try {
      const count = await this.store!.outboxCount();
      if (seq !== this.countSeq || this.disposed) return;
      this.outboxCount = count;
      this.emit();
    } catch {
      // The database closed (dispose, upgrade): the last known count stays.
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer !== null) return;
    this.saveTimer = this.clock.setTimeout(() => {
      this.saveTimer = null;
      void this.saveState();
    }, SAVE_DELAY_MS);
  }

  private async saveState(): Promise<void> {
    if (!this.leader || !this.server) return;
    try {
      await this.server.save();
    } catch {
      // The outbox still holds every local op; the snapshot only makes the next load faster.
    }
  }

  // --- Sync (leader only) -------------------------------------------------------------------------

  /** A trigger: the leader syncs (polls at most once per half interval), a follower forwards it. */
  private request(reason: SyncReason): void {
    if (!this.doc || this.disposed || this.pageGone) return;
    if (!this.leader) {
      if (reason !== 'nudge' && reason !== 'resync' && reason !== 'online') this.post({ kind: 'sync', userId: this.o.userId, reason });
      return;
    }
    if (reason === 'poll') {
      const last = this.shared.lastSyncedAt;
      if (last !== null && this.clock.now() - last < this.pollInterval() / 2) return;
    }
    void this.runCycle();
  }

  /**
   * Pushes at once: other devices should see an edit within a second. A burst still goes out in
   * few requests, since edits made while a push is in flight ride in the cycle's next round.
   */
  private schedulePush(): void {
    // While backing off, the retry carries the new ops; every edit must not hammer a failing server.
    if (!this.leader || this.retryTimer !== null) return;
    void this.runCycle();
  }

  private runCycle(): Promise<void> {
    if (this.cycle) {
      this.again = true;
      return this.cycle;
    }
    this.clearTimer('retryTimer');
    this.cycle = (async () => {
      try {
        do {
          this.again = false;
          await this.syncOnce();
        } while (this.again && this.leader && !this.disposed);
      } finally {
        this.cycle = null;
      }
    })();
    return this.cycle;
  }

  private async syncOnce(): Promise<void> {
    if (!this.leader || this.disposed) return;
    if (!this.network.isOnline()) {
      this.setShared({ online: false, syncing: false });
      return;
    }
    this.setShared({ syncing: true });
    const hooks: ExchangeHooks = {
      active: () => this.leader && !this.disposed,
      pendingHint: () => this.outboxCount + this.unsaved.length,
      pulled: (ops) => {
        this.post({ kind: 'pulled', userId: this.o.userId, ops });
        this.docChanged();
      },
      bootstrapped: (snapshot) => {
        this.post({ kind: 'state', userId: this.o.userId, to: null, snapshot });
        this.docChanged();
      },
    };
    try {
      const result = await this.server!.exchange(hooks);
      if (this.disposed) return;
      this.failures = 0;
      if (result.refused > 0) this.notes.refused = 'The server refused a change it cannot store; it was set aside.';
      this.setShared({
        syncing: false,
        online: true,
        lastSyncedAt: this.clock.now(),
        error: result.unreadable ? 'Some changes from your other devices need a newer version of the app: reload the page.' : null,
      });
      this.syncedListeners.forEach((fn) => fn({ pushed: result.pushed, pulled: result.pulled }));
    } catch (err) {
      if (this.disposed) return;
      this.failed(err);
    } finally {
      void this.recount();
      this.schedulePoll();
    }
  }

  private failed(err: unknown): void {
    let message: string | null;
    let retry = true;
    if (err instanceof NetworkError) {
      message = null;
      this.shared = { ...this.shared, online: false };
    } else if (err instanceof ApiError && err.status === 401) {
      message = 'You are signed out: sign in again to sync your tasks.';
      retry = false;
    } else if (err instanceof ApiError) {
      message = `Sync failed: ${err.message}`;
    } else {
      message = `Sync failed: ${err instanceof Error ? err.message : String(err)}`;
    }
    if (retry) {
      this.failures += 1;
      const delay = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (this.failures - 1));
      this.clearTimer('retryTimer');
      this.retryTimer = this.clock.setTimeout(
        () => {
          this.retryTimer = null;
          void this.runCycle();
        },
        delay / 2 + this.random() * (delay / 2),
      );
    }
    this.setShared({ syncing: false, error: message });
  }

  private setShared(patch: Partial<SharedStatus>): void {
    this.shared = { ...this.shared, ...patch };
    this.emit();
    if (this.leader) this.post({ kind: 'status', userId: this.o.userId, status: this.shared });
  }

  // --- Fallback poll ------------------------------------------------------------------------------

  /**
   * The contract's 30 s while realtime is not live. While it is, a slow safety pull: a stream that
   * died without the browser noticing (its heartbeats are SSE comments, which EventSource never
   * surfaces) would otherwise leave the list stale until the next focus. Unchanged, it is a 304.
   */
  private pollInterval(): number {
    const ms = this.realtimeState === 'live' ? LIVE_SAFETY_PULL_MS : (contracts.tasks.pollMs ?? 30_000);
    return ms * (this.o.scale ?? 1);
  }

  /** Every visible tab polls (slowly while realtime is live); a follower's poll asks the leader. */
  private schedulePoll(): void {
    this.clearTimer('pollTimer');
    if (!this.doc || this.disposed || this.pageGone || this.o.lifecycle.isHidden()) return;
    const base = Math.max(this.shared.lastSyncedAt ?? 0, this.lastPollAt);
    const delay = Math.max(0, base + this.pollInterval() - this.clock.now());
    this.pollTimer = this.clock.setTimeout(() => {
      this.pollTimer = null;
      this.lastPollAt = this.clock.now();
      this.request('poll');
      this.schedulePoll();
    }, delay);
  }

  // --- Plumbing -----------------------------------------------------------------------------------

  private post(message: TasksTabMessage): void {
    if (this.disposed) return;
    try {
      this.o.channel.post(message);
    } catch {
      // A closed channel (the page is going away): the outbox and the leader's pulls still cover it.
    }
  }

  private clearTimer(name: 'retryTimer' | 'saveTimer' | 'pollTimer'): void {
    if (this[name] !== null) this.clock.clearTimeout(this[name]);
    this[name] = null;
  }

  private clearTimers(): void {
    if (this.saveTimer !== null && this.leader) void this.saveState();
    this.clearTimer('retryTimer');
    this.clearTimer('saveTimer');
    this.clearTimer('pollTimer');
  }

  private docChanged(): void {
    this.docVersion += 1;
    this.emit();
  }

  private emit(): void {
    const doc = this.doc;
    let lists = this.state.lists;
    if (doc && this.listsVersion !== this.docVersion) {
      lists = doc.lists();
      this.listsVersion = this.docVersion;
    }
    const today = localDay(this.clock.now(), this.timeZone);
    const online = this.shared.online && this.network.isOnline();
    this.state = {
      ready: this.state.ready,
      lists,
      counts: countTasks(lists, today),
      today,
      pendingOps: this.outboxCount + this.unsaved.length,
      lastSyncedAt: this.shared.lastSyncedAt,
      online,
      syncing: this.shared.syncing,
      error: this.notes.write ?? this.notes.storage ?? this.shared.error ?? this.notes.refused,
      leader: this.leader,
    };
    this.listeners.forEach((fn) => fn());
  }
}
