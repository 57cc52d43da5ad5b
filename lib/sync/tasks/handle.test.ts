import { describe, expect, it, vi } from 'vitest';
import type { SyncEngine, TasksSyncState } from './engine';
import { INITIAL_TASKS_STATE, TasksHandle, type EngineFactory } from './handle';

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

/** A handle whose engine code "loads" when the test says so; `made` lists every engine it made. */
function handleWithLoader(release: () => void = () => {}) {
  const made: ReturnType<typeof fakeEngine>[] = [];
  const load = vi.fn<() => Promise<EngineFactory>>();
  let finishLoad: () => void = () => {};
  load.mockImplementation(
    () =>
      new Promise<EngineFactory>((resolve) => {
        finishLoad = () =>
          resolve(() => {
            const engine = fakeEngine(`e${made.length + 1}`);
            made.push(engine);
            return { engine: engine as unknown as SyncEngine, release };
          });
      }),
  );
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  return { handle: new TasksHandle(load), made, load, finishLoad: () => finishLoad(), settle };
}

describe('TasksHandle', () => {
  it('loads the engine code and makes no engine until the first subscriber, then loads once and starts exactly one', async () => {
    const { handle, made, load, finishLoad, settle } = handleWithLoader();
    expect(handle.getState()).toBe(INITIAL_TASKS_STATE);
    expect(load).not.toHaveBeenCalled();

    const seen = vi.fn();
    handle.subscribe(seen);
    handle.subscribe(() => {});
    expect(load).toHaveBeenCalledTimes(1);
    // Until the code is there, the page shows the initial state.
    expect(handle.getState()).toBe(INITIAL_TASKS_STATE);
    finishLoad();
    await settle();
    expect(made).toHaveLength(1);
    expect(made[0].start).toHaveBeenCalledTimes(1);
    made[0].ready();
    expect(seen).toHaveBeenCalled();
    expect(handle.getState().ready).toBe(true);
  });

  it('an action called before the engine code is loaded waits for it and then runs on the one engine', async () => {
    const { handle, made, finishLoad } = handleWithLoader();
    const created = handle.actions.createList('Inbox');
    finishLoad();
    await expect(created).resolves.toBe('e1-list');
    expect(made).toHaveLength(1);
  });

  it('makes no engine when it was stopped while the code loaded', async () => {
    const { handle, made, finishLoad, settle } = handleWithLoader();
    handle.subscribe(() => {});
    handle.deactivate();
    finishLoad();
    await settle();
    expect(made).toHaveLength(0);
    await expect(handle.actions.createList('x')).rejects.toThrow(/stopped/);
  });

  it('disposes the engine on deactivate and makes a fresh one for the same subscribers on activate (StrictMode remount)', async () => {
    const released = vi.fn();
    const { handle, made, load, finishLoad, settle } = handleWithLoader(released);
    handle.setTimeZone('Asia/Tokyo');
    handle.subscribe(() => {});
    finishLoad();
    await settle();
    handle.deactivate();
    expect(made[0].dispose).toHaveBeenCalled();
    expect(released).toHaveBeenCalledTimes(1);
    await expect(handle.actions.createList('x')).rejects.toThrow(/stopped/);

    handle.activate();
    await settle();
    expect(made).toHaveLength(2);
    expect(load).toHaveBeenCalledTimes(1);
    expect(made[1].setTimeZone).toHaveBeenCalledWith('Asia/Tokyo');
    await expect(handle.actions.createList('Inbox')).resolves.toBe('e2-list');
  });
});

describe('TasksHandle.observe', () => {
  it('hears the engine without starting it or loading its code; a subscriber or an action starts it, and observers hear that', async () => {
    const { handle, made, load, finishLoad, settle } = handleWithLoader();
    const heard = vi.fn();
    const stop = handle.observe(heard);
    // StrictMode's remount of the provider starts nothing for observers alone either.
    handle.deactivate();
    handle.activate();
    await settle();
    expect(load).not.toHaveBeenCalled();
    expect(handle.running).toBe(false);
    expect(handle.getState()).toBe(INITIAL_TASKS_STATE);

    const synced = handle.actions.createList('Inbox');
    finishLoad();
    await expect(synced).resolves.toBe('e1-list');
    expect(handle.running).toBe(true);
    expect(heard).toHaveBeenCalled();
    heard.mockClear();
    made[0].ready();
    expect(heard).toHaveBeenCalledTimes(1);
    expect(handle.getState().ready).toBe(true);

    stop();
    made[0].ready();
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('counts subscribers apart from observers: a remount restarts the engine only for a subscriber still there', async () => {
    const { handle, made, finishLoad, settle } = handleWithLoader();
    handle.observe(() => {});
    const unsubscribe = handle.subscribe(() => {});
    finishLoad();
    await settle();
    expect(made).toHaveLength(1);
    unsubscribe();
    handle.deactivate();
    handle.activate();
    await settle();
    expect(made).toHaveLength(1);
    expect(handle.running).toBe(false);
  });
});
