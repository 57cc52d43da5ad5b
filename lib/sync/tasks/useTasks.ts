'use client';

import { useEffect, useSyncExternalStore } from 'react';
import type { TasksSyncState } from './engine';
import { INITIAL_TASKS_STATE, type TaskActions } from './handle';
import { useTasksHandle } from './TasksProvider';

export interface UseTasks extends TasksSyncState {
  actions: TaskActions;
}

const serverState = () => INITIAL_TASKS_STATE;

/** The user's task lists and sync status from the tab's engine (started by the first caller). */
export function useTasks(): UseTasks {
  const handle = useTasksHandle();
  const state = useSyncExternalStore(handle.subscribe, handle.getState, serverState);
  return { ...state, actions: handle.actions };
}

export interface ObservedTasks extends UseTasks {
  /** Whether the engine runs in this tab; until then the state is the initial one. */
  running: boolean;
}

/** The engine's state when something else started it in this tab, without starting it (or loading its code). */
export function useObservedTasks(): ObservedTasks {
  const handle = useTasksHandle();
  const state = useSyncExternalStore(handle.observe, handle.getState, serverState);
  return { ...state, actions: handle.actions, running: handle.running };
}

/** Tells the engine the user's time zone, so "today" and the counts follow it. */
export function useTasksTimeZone(timeZone: string | null | undefined): void {
  const handle = useTasksHandle();
  useEffect(() => {
    if (timeZone) handle.setTimeZone(timeZone);
  }, [handle, timeZone]);
}
