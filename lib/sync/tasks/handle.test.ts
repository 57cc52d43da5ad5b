import { describe, expect, it, vi } from 'vitest';
import type { SyncEngine, TasksSyncState } from './engine';
import { INITIAL_TASKS_STATE, TasksHandle } from './handle';

function fakeEngine(name: string) {
  const listeners = new Set<() => void>();
  let state: TasksSyncState = { ...INITIAL_TASKS_STATE, today: name };
  return {
    start: vi.fn(async () => {}),
    dispose: vi.fn(),
    setTimeZone: vi.fn(),
    createList: vi.fn(async () => `${name}-list`),
    getState: () => state,
    subscribe: (fn: () => void) => {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    ready() {
      state = { ...state, ready: true };
      listeners.forEach((fn) => fn());
    },
  };
}

describe('TasksHandle', () => {
  it('makes no engine until the first subscriber, then starts exactly one', () => {
    const made: ReturnType<typeof fakeEngine>[] = [];
    const handle = new TasksHandle(() => {
      const engine = fakeEngine(`e${made.length + 1}`);
      made.push(engine);
      return { engine: engine as unknown as SyncEngine, release: () => {} };
    });
    expect(handle.getState()).toBe(INITIAL_TASKS_STATE);
    expect(made).toHaveLength(0);

    const seen = vi.fn();
    handle.subscribe(seen);
    handle.subscribe(() => {});
    expect(made).toHaveLength(1);
    expect(made[0].start).toHaveBeenCalledTimes(1);
    made[0].ready();
    expect(seen).toHaveBeenCalled();
    expect(handle.getState().ready).toBe(true);
  });

  it('disposes the engine on deactivate and makes a fresh one for the same subscribers on activate (StrictMode remount)', async () => {
    const made: ReturnType<typeof fakeEngine>[] = [];
    const released = vi.fn();
    const handle = new TasksHandle(() => {
      const engine = fakeEngine(`e${made.length + 1}`);
      made.push(engine);
      return { engine: engine as unknown as SyncEngine, release: released };
    });
    handle.setTimeZone('Asia/Tokyo');
    handle.subscribe(() => {});
    handle.deactivate();
    expect(made[0].dispose).toHaveBeenCalled();
    expect(released).toHaveBeenCalledTimes(1);
    expect(() => handle.actions.createList('x')).toThrow(/stopped/);

    handle.activate();
    expect(made).toHaveLength(2);
    expect(made[1].setTimeZone).toHaveBeenCalledWith('Asia/Tokyo');
    await expect(handle.actions.createList('Inbox')).resolves.toBe('e2-list');
  });
});
