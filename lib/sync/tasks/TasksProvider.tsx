'use client';

import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { elect } from '../leader';
import { useSyncEnv } from '../provider';
import { useOptionalRealtime } from '../realtime';
import { taskCounts } from '../resources/tasks';
import { openTabChannel } from '../tab-channel';
import { TasksHandle } from './handle';
import type { TasksTabMessage } from './tab-protocol';

const TasksContext = createContext<TasksHandle | null>(null);

/**
 * The tasks repository of the signed-in user for everything below it. Mount it once, high up
 * (AppShell): the engine is loaded and starts on the first `useTasks()` and keeps pushing and pulling on other
 * pages afterwards. Nested inside another TasksProvider it adds nothing, so a page may mount it too.
 */
export function TasksProvider({ children }: { children: ReactNode }) {
  const parent = useContext(TasksContext);
  if (parent) return <>{children}</>;
  return <OwnTasksProvider>{children}</OwnTasksProvider>;
}

function OwnTasksProvider({ children }: { children: ReactNode }) {
  const env = useSyncEnv();
  const realtime = useOptionalRealtime();
  const client = useQueryClient();
  const handle = useMemo(
    () =>
      new TasksHandle(async () => {
        // The engine's code comes after the page's first paint, on the first page that needs it:
        // one import, so what the engine and the store share is loaded once (engine-code.ts).
        const { SyncEngine, openTaskStore } = await import('./engine-code');
        return () => {
          const channel = openTabChannel<TasksTabMessage>('passion-tasks', env.lifecycle);
          const engine = new SyncEngine({
            userId: env.userId,
            deviceId: env.deviceId,
            openStore: () => openTaskStore(env.userId),
            channel,
            elect: (onChange) => elect(`pos-tasks:${env.userId}`, onChange),
            lifecycle: env.lifecycle,
            realtime,
            clock: env.clock,
            scale: env.scale,
            lastSync: env.lastFetch.store('tasks', 'op-log'),
          });
          // The server leaves this device out of its own SSE nudges: refresh our badge ourselves
          // (this tab fetches it once, and its answer is relayed to the others).
          const offSynced = engine.onSynced(({ pushed }) => {
            if (pushed > 0) void client.invalidateQueries({ queryKey: taskCounts(env.userId).queryKey, exact: true });
          });
          return {
            engine,
            release: () => {
              offSynced();
              channel.close();
            },
          };
        };
      }),
    [env, realtime, client],
  );
  useEffect(() => {
    handle.activate();
    return () => handle.deactivate();
  }, [handle]);
  return <TasksContext.Provider value={handle}>{children}</TasksContext.Provider>;
}

export function useTasksHandle(): TasksHandle {
  const handle = useContext(TasksContext);
  if (!handle) throw new Error('useTasks outside <TasksProvider>');
  return handle;
}
