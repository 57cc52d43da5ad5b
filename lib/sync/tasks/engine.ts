/**
 * The tasks sync engine (seed 004), one per tab: a local op applies to this tab's replica at once, then
 * goes to the IndexedDB outbox (outbox.ts) and the other tabs (tab-link.ts); only the leader tab talks
 * to the server (exchange.ts), when triggers.ts says so; every tab shows the same state (sync-state.ts).
 */
import type { OpEnvelope, TaskDocument } from '@/lib/shared/crdt';
import { systemClock, type Clock } from '../clock';
import { contracts } from '../contracts';
import { memoryLastFetch, type LastFetchStore } from '../last-fetch';
import { TasksApi } from './api';
import type { SyncEngineOptions, SyncReport } from './engine-options';
import { TaskEditor } from './editor';
import { ExchangeLoop } from './exchange';
import { browserNetwork, type NetworkSource } from './network';
import { LocalOutbox } from './outbox';
import { loadReplica } from './replica';
import { ServerSync } from './server-sync';
import { memoryTaskStore, type TaskStore } from './store';
import { TasksStateStore, type TasksSyncState } from './sync-state';
import { TabLink } from './tab-link';
import type { SharedStatus, SyncReason, TasksTabMessage } from './tab-protocol';
import { SyncTriggers } from './triggers';

export type { SyncEngineOptions, SyncReport } from './engine-options';
export type { TasksSyncState } from './sync-state';
export type { RealtimeSource } from './triggers';

/** How often a tab pulls while the event stream is live (the nudges make it fresh in between). */
export const LIVE_SAFETY_PULL_MS = contracts.tasks.livePollMs!;

export class SyncEngine extends TaskEditor {
  private readonly syncedListeners = new Set<(report: SyncReport) => void>();
  private readonly cleanups: (() => void)[] = [];
  private readonly clock: Clock;
  private readonly network: NetworkSource;
  private readonly newId: () => string;
  /** Tells this tab's messages apart; also makes its actor id unique (see `loadReplica`). */
  private readonly tabId: string;
  private readonly lastSync: LastFetchStore;
  private readonly view: TasksStateStore;
  private readonly tabs: TabLink;
  private readonly outbox: LocalOutbox;
  private readonly exchange: ExchangeLoop;
  private readonly triggers: SyncTriggers;
  private store: TaskStore | null = null;
  private doc: TaskDocument | null = null;
  private server: ServerSync | null = null;
  private starting: Promise<void> | null = null;
  private leader = false;
  private disposed = false;

  constructor(private readonly o: SyncEngineOptions) {
    super();
    this.clock = o.clock ?? systemClock;
    this.network = o.network ?? browserNetwork;
    this.newId = o.newId ?? (() => crypto.randomUUID());
    this.tabId = this.newId()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 12);
    this.lastSync = o.lastSync ?? memoryLastFetch();
    const facts = () => ({
      doc: this.doc,
      now: this.clock.now(),
      pendingOps: this.outbox.pending(),
      lastSyncedAt: this.lastSync.get(),
      networkOnline: this.network.isOnline(),
      leader: this.leader,
      writeError: this.outbox.writeError,
    });
    this.view = new TasksStateStore(facts, o.timeZone, this.network.isOnline(), this.clock.now());
    this.tabs = new TabLink(o.channel, o.userId, this.tabId, () => this.disposed);
    this.outbox = new LocalOutbox({
      store: () => this.store!,
      changed: () => this.view.publish(),
      saved: (ops) => this.afterWrite(ops),
      disposed: () => this.disposed,
    });
    this.exchange = new ExchangeLoop({
      clock: this.clock,
      random: o.random ?? Math.random,
      network: this.network,
      server: () => this.server!,
      disposed: () => this.disposed,
      leading: () => this.leader,
      hooks: {
        active: () => this.leader && !this.disposed,
        pendingHint: () => this.outbox.pending(),
        pulled: (ops) => this.broadcastDoc({ kind: 'pulled', userId: o.userId, ops }),
        bootstrapped: (snapshot) => this.broadcastDoc({ kind: 'state', userId: o.userId, to: null, snapshot }),
      },
      status: (patch) => this.setShared(patch),
      synced: (result) => {
        if (result.refused > 0) this.view.notes.refused = 'The server refused a change it cannot store; it was set aside.';
        this.syncedListeners.forEach((fn) => fn({ pushed: result.pushed, pulled: result.pulled }));
      },
      settled: () => void this.outbox.recount(),
    });
    this.triggers = new SyncTriggers({
      clock: this.clock,
      lifecycle: o.lifecycle,
      network: this.network,
      realtime: o.realtime,
      elect: o.elect,
      lastSync: this.lastSync,
      scale: o.scale ?? 1,
      request: (reason) => this.request(reason),
      onLeader: (leader) => this.setLeader(leader),
      onReturn: () => this.tabs.hello(),
      onNetwork: (online) => {
        this.view.shared = { ...this.view.shared, online };
        this.view.publish();
        if (online) this.request('online');
      },
    });
  }

  getState = (): TasksSyncState => this.view.get();

  subscribe = (listener: () => void): (() => void) => this.view.subscribe(listener);

  /** Called after each of this tab's sync cycles that reached the server. */
  onSynced(listener: (report: SyncReport) => void): () => void {
    this.syncedListeners.add(listener);
    return () => this.syncedListeners.delete(listener);
  }

  setTimeZone(timeZone: string): void {
    if (this.view.setTimeZone(timeZone)) this.view.publish();
  }

  /** Loads the replica from IndexedDB and joins the tabs; safe to call more than once. */
  start(): Promise<void> {
    this.starting ??= this.load();
    return this.starting;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.triggers.dispose();
    this.cleanups.splice(0).forEach((fn) => fn());
    this.exchange.stop();
    const store = this.store;
    // Let accepted local ops reach the disk before the connection closes.
    void this.outbox.flushed().then(() => store?.close());
  }

  /** Resolves once every local op accepted so far is in the IndexedDB outbox. */
  async saved(): Promise<void> {
    await this.start();
    await this.outbox.flushed();
  }

  /** Pushes and pulls now (the leader), or asks the leader to. */
  async syncNow(): Promise<void> {
    await this.saved();
    if (this.leader) await this.exchange.run();
    else this.request('manual');
  }

  protected edit<T extends OpEnvelope>(make: (doc: TaskDocument) => T): Promise<T> {
    if (!this.doc || this.disposed) throw new Error('Tasks are not loaded yet');
    const op = make(this.doc);
    this.docChanged();
    return this.outbox.persist(op).then(() => op);
  }

  protected editMany<T extends OpEnvelope>(make: (doc: TaskDocument) => T[]): Promise<T[]> {
    if (!this.doc || this.disposed) throw new Error('Tasks are not loaded yet');
    const ops = make(this.doc);
    this.docChanged();
    return Promise.all(ops.map((op) => this.outbox.persist(op))).then(() => ops);
  }

  private async load(): Promise<void> {
    try {
      await this.loadFrom(await this.o.openStore());
    } catch {
      this.store?.close();
      this.view.notes.storage = 'This browser cannot keep tasks offline: changes sync only while this tab is open.';
      await this.loadFrom(memoryTaskStore({ newId: this.newId }));
    }
  }

  private async loadFrom(store: TaskStore): Promise<void> {
    this.store = store;
    if (this.disposed) return store.close();
    const { doc, clientId } = await loadReplica(store, this.tabId, this.newId);
    this.doc = doc;
    this.server = new ServerSync(new TasksApi({ deviceId: this.o.deviceId, fetch: this.o.fetch }), store, doc, clientId);
    this.outbox.setStored(await store.outboxCount());
    if (this.disposed) return;
    this.cleanups.push(this.listenToTabs(doc));
    // A new day shows when the tab is shown again, without a write.
    this.cleanups.push(this.o.lifecycle.listen((e) => e.type === 'visible' && this.view.publish()));
    this.view.markReady();
    this.docChanged();
    this.tabs.hello();
    this.triggers.start();
  }

  private listenToTabs(doc: TaskDocument): () => void {
    return this.tabs.listen({
      doc,
      leading: () => this.leader,
      docChanged: () => this.docChanged(),
      opsSaved: () => {
        void this.outbox.recount();
        if (this.leader) this.exchange.pushSoon();
      },
      leaderStatus: ({ lastSyncedAt, ...shared }) => {
        this.view.shared = shared;
        if (lastSyncedAt !== null) this.triggers.synced(lastSyncedAt);
        void this.outbox.recount();
        this.view.publish();
      },
      status: () => this.status(),
      sync: (reason) => this.request(reason),
    });
  }

  private setLeader(leader: boolean): void {
    if (this.disposed || leader === this.leader) return;
    this.leader = leader;
    this.view.publish();
    if (!leader) return this.exchange.stop();
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

  /** A trigger: the leader syncs (polls at most once per half interval), a follower forwards it. */
  private request(reason: SyncReason): void {
    if (!this.doc || this.disposed || !this.triggers.isPageAlive()) return;
    if (!this.leader) {
      if (reason !== 'nudge' && reason !== 'resync' && reason !== 'online') this.tabs.post({ kind: 'sync', userId: this.o.userId, reason });
      return;
    }
    const last = this.lastSync.get();
    if (reason === 'poll' && last !== null && this.clock.now() - last < this.triggers.pollInterval() / 2) return;
    void this.exchange.run();
  }

  /** Local ops are on disk: tell the other tabs, and push them if this tab leads. */
  private afterWrite(ops: OpEnvelope[]): void {
    this.tabs.post({ kind: 'ops', userId: this.o.userId, ops });
    if (this.leader) this.exchange.pushSoon();
  }

  private status(): SharedStatus {
    return { ...this.view.shared, lastSyncedAt: this.lastSync.get() };
  }

  private setShared({ lastSyncedAt, ...patch }: Partial<SharedStatus>): void {
    this.view.shared = { ...this.view.shared, ...patch };
    if (lastSyncedAt) this.triggers.synced(lastSyncedAt);
    this.view.publish();
    if (this.leader) this.tabs.post({ kind: 'status', userId: this.o.userId, status: this.status() });
  }

  private broadcastDoc(message: TasksTabMessage): void {
    this.tabs.post(message);
    this.docChanged();
  }

  private docChanged(): void {
    this.view.docChanged();
    this.view.publish();
  }
}
