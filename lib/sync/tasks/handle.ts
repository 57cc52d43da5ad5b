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

/**
 * A stable external store in front of the engine, which it makes on first subscribe: pages that
 * never show tasks open no database and send no request. Deactivating disposes the engine; a
 * later activation (React's StrictMode remount) makes a fresh one for the same subscribers.
 */
export class TasksHandle {
  private engine: SyncEngine | null = null;
  private release: (() => void) | null = null;
  private active = true;
  private timeZone: string | null = null;
  private readonly listeners = new Set<() => void>();

  readonly actions: TaskActions = {
    createList: (...a) => this.current().createList(...a),
    renameList: (...a) => this.current().renameList(...a),
    archiveList: (...a) => this.current().archiveList(...a),
    deleteList: (...a) => this.current().deleteList(...a),
    addTask: (...a) => this.current().addTask(...a),
    addTaskWithDetails: (...a) => this.current().addTaskWithDetails(...a),
    setDueTime: (...a) => this.current().setDueTime(...a),
    setDetails: (...a) => this.current().setDetails(...a),
    setPriority: (...a) => this.current().setPriority(...a),
    setRecurrence: (...a) => this.current().setRecurrence(...a),
    setReminder: (...a) => this.current().setReminder(...a),
    completeTask: (...a) => this.current().completeTask(...a),
    editTask: (...a) => this.current().editTask(...a),
    setDue: (...a) => this.current().setDue(...a),
    setCompleted: (...a) => this.current().setCompleted(...a),
    moveTask: (...a) => this.current().moveTask(...a),
    deleteTask: (...a) => this.current().deleteTask(...a),
    syncNow: (...a) => this.current().syncNow(...a),
  };

  /** `create` makes an engine and says how to release what it made along with it (channel, listeners). */
  constructor(private readonly create: () => { engine: SyncEngine; release: () => void }) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.active) this.current();
    return () => this.listeners.delete(listener);
  };

  getState = (): TasksSyncState => this.engine?.getState() ?? INITIAL_TASKS_STATE;

  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
    this.engine?.setTimeZone(timeZone);
  }

  activate(): void {
    this.active = true;
    if (this.listeners.size > 0) this.current();
  }

  deactivate(): void {
    this.active = false;
    this.engine?.dispose();
    this.release?.();
    this.release = null;
    this.engine = null;
  }

  private current(): SyncEngine {
    if (this.engine) return this.engine;
    if (!this.active) throw new Error('The tasks engine was stopped');
    const { engine, release } = this.create();
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
