import { countTasks, type ListView, type TaskCounts, type TaskDocument } from '@/lib/shared/crdt';
import { localDay } from '@/lib/shared/days';
import { deviceTimeZone, isTimeZone } from '@/lib/shared/timezone';
import type { SharedStatus } from './tab-protocol';

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

/** What the engine knows at the moment the state is shown. */
export interface EngineFacts {
  doc: TaskDocument | null;
  now: number;
  pendingOps: number;
  lastSyncedAt: number | null;
  /** The browser says it is online. */
  networkOnline: boolean;
  leader: boolean;
  /** This tab could not write its last op to IndexedDB. */
  writeError: string | null;
}

/**
 * The tasks state one tab shows, as an external store (`useSyncExternalStore`): the leader's sync
 * status (shared by every tab), this tab's own problems, the user's day, and the lists — read
 * again only when the document changed since the last publish.
 */
export class TasksStateStore {
  shared: Omit<SharedStatus, 'lastSyncedAt'>;
  /** This tab's own problems, shown before the leader's sync error. */
  readonly notes: { storage: string | null; refused: string | null } = { storage: null, refused: null };
  private timeZone: string;
  private ready = false;
  private state: TasksSyncState;
  private docVersion = 0;
  private listsVersion = -1;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly facts: () => EngineFacts,
    timeZone: string | undefined,
    online: boolean,
    now: number,
  ) {
    this.timeZone = timeZone && isTimeZone(timeZone) ? timeZone : deviceTimeZone();
    this.shared = { online, syncing: false, error: null };
    const today = localDay(now, this.timeZone);
    const counts = { today: 0, overdue: 0, open: 0 };
    this.state = { ready: false, lists: [], counts, today, pendingOps: 0, lastSyncedAt: null, online, syncing: false, error: null, leader: false };
  }

  get = (): TasksSyncState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** False when the zone is unknown or already the one shown. */
  setTimeZone(timeZone: string): boolean {
    if (!isTimeZone(timeZone) || timeZone === this.timeZone) return false;
    this.timeZone = timeZone;
    return true;
  }

  markReady(): void {
    this.ready = true;
  }

  /** The document changed: the next publish reads its lists again. */
  docChanged(): void {
    this.docVersion += 1;
  }

  publish(): void {
    const f = this.facts();
    let lists = this.state.lists;
    if (f.doc && this.listsVersion !== this.docVersion) {
      lists = f.doc.lists();
      this.listsVersion = this.docVersion;
    }
    const today = localDay(f.now, this.timeZone);
    const { shared, notes } = this;
    this.state = {
      ready: this.ready,
      lists,
      counts: countTasks(lists, today),
      today,
      pendingOps: f.pendingOps,
      lastSyncedAt: f.lastSyncedAt,
      online: shared.online && f.networkOnline,
      syncing: shared.syncing,
      error: f.writeError ?? notes.storage ?? shared.error ?? notes.refused,
      leader: f.leader,
    };
    this.listeners.forEach((fn) => fn());
  }
}
