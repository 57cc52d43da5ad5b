import type { SyncEngine, TasksSyncState } from './engine';

export const INITIAL_TASKS_STATE: TasksSyncState = Object.freeze({
  ready: false,
  lists: [],
  counts: { today: 0, overdue: 0, open: 0 },
  today: '',
  pendingOps: 0,
  lastSyncedAt: null,
  online: true,
  syncing: false,
  error: null,
  leader: false,
});

export type TaskActions = Pick<
  SyncEngine,
  | 'createList'
  | 'renameList'
  | 'archiveList'
  | 'deleteList'
  | 'addTask'
  | 'addTaskWithDetails'
  | 'editTask'
  | 'setDue'
  | 'setDueTime'
  | 'setDetails'
  | 'setPriority'
  | 'setRecurrence'
  | 'setReminder'
  | 'setCompleted'
  | 'completeTask'
  | 'moveTask'
  | 'deleteTask'
  | 'syncNow'
>;

/** Makes an engine and says how to release what it made along with it (channel, listeners). */
export type EngineFactory = () => { engine: SyncEngine; release: () => void };

/**
 * A stable external store in front of the engine, which it makes on first subscribe: pages that
 * never show tasks open no database and send no request. The engine's code (the CRDT, the op log,
 * RRULE) is loaded then too, by `load`, not with the page: the page's first paint does not wait
 * for it. Actions called before it is there wait for it. Deactivating disposes the engine; a later
 * activation (React's StrictMode remount) makes a fresh one for the same subscribers.
 */
export class TasksHandle {
  private engine: SyncEngine | null = null;
  private factory: EngineFactory | null = null;
  private loading: Promise<EngineFactory> | null = null;
  private release: (() => void) | null = null;
  private active = true;
  private timeZone: string | null = null;
  private readonly listeners = new Set<() => void>();
  /** Subscribers that want the engine (`subscribe`), as opposed to those that only watch it (`observe`). */
  private users = 0;

  readonly actions: TaskActions = {
    createList: (...a) => this.current().then((e) => e.createList(...a)),
    renameList: (...a) => this.current().then((e) => e.renameList(...a)),
    archiveList: (...a) => this.current().then((e) => e.archiveList(...a)),
    deleteList: (...a) => this.current().then((e) => e.deleteList(...a)),
    addTask: (...a) => this.current().then((e) => e.addTask(...a)),
    addTaskWithDetails: (...a) => this.current().then((e) => e.addTaskWithDetails(...a)),
    setDueTime: (...a) => this.current().then((e) => e.setDueTime(...a)),
    setDetails: (...a) => this.current().then((e) => e.setDetails(...a)),
    setPriority: (...a) => this.current().then((e) => e.setPriority(...a)),
    setRecurrence: (...a) => this.current().then((e) => e.setRecurrence(...a)),
    setReminder: (...a) => this.current().then((e) => e.setReminder(...a)),
    completeTask: (...a) => this.current().then((e) => e.completeTask(...a)),
    editTask: (...a) => this.current().then((e) => e.editTask(...a)),
    setDue: (...a) => this.current().then((e) => e.setDue(...a)),
    setCompleted: (...a) => this.current().then((e) => e.setCompleted(...a)),
    moveTask: (...a) => this.current().then((e) => e.moveTask(...a)),
    deleteTask: (...a) => this.current().then((e) => e.deleteTask(...a)),
    syncNow: (...a) => this.current().then((e) => e.syncNow(...a)),
  };

  /** `load` brings the engine's code and resolves to what makes an engine; it is called once. */
  constructor(private readonly load: () => Promise<EngineFactory>) {}

  subscribe = (listener: () => void): (() => void) => {
    const unobserve = this.observe(listener);
    this.users += 1;
    if (this.active) void this.current().catch(() => undefined);
    return () => {
      unobserve();
      this.users -= 1;
    };
  };

  /**
   * Hears the engine's changes without starting it: a page that only reports on the engine (Settings'
   * "This browser") shows it when another page or an action started it, and loads none of its code
   * otherwise.
   */
  observe = (listener: () => void): (() => void) => {
    const own = () => listener();
    this.listeners.add(own);
    return () => this.listeners.delete(own);
  };

  /** Whether this tab's engine is made (its state is then `getState`'s). */
  get running(): boolean {
    return this.engine !== null;
  }

  getState = (): TasksSyncState => this.engine?.getState() ?? INITIAL_TASKS_STATE;

  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
    this.engine?.setTimeZone(timeZone);
  }

  activate(): void {
    this.active = true;
    if (this.users > 0) void this.current().catch(() => undefined);
  }

  deactivate(): void {
    this.active = false;
    this.engine?.dispose();
    this.release?.();
    this.release = null;
    this.engine = null;
  }

  /** The engine, made (and its code loaded) on first need; rejects once the handle is stopped. */
  private async current(): Promise<SyncEngine> {
    if (this.engine) return this.engine;
    if (!this.active) throw new Error('The tasks engine was stopped');
    if (!this.factory) {
      this.loading ??= this.load();
      this.factory = await this.loading;
      // Stopped, or made by another caller, while the code loaded.
      if (this.engine) return this.engine;
      if (!this.active) throw new Error('The tasks engine was stopped');
    }
    const { engine, release } = this.factory();
    this.engine = engine;
    if (this.timeZone) engine.setTimeZone(this.timeZone);
    const unsubscribe = engine.subscribe(() => this.listeners.forEach((fn) => fn()));
    this.release = () => {
      unsubscribe();
      release();
    };
    void engine.start();
    this.listeners.forEach((fn) => fn());
    return engine;
  }
}
