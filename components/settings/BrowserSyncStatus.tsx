'use client';

import { useSyncEnv } from '@/lib/sync/provider';
import { useRealtimeStatus } from '@/lib/sync/realtime';
import { useObservedTasks } from '@/lib/sync/tasks/useTasks';
import type { Formats } from '@/lib/shared/format';
import { useFormats } from '@/lib/sync/use-formats';
import { TitledCard } from '../shell/TitledCard';

const REALTIME_TEXT = {
  live: 'Live: changes from your other devices appear instantly',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting; pages still refresh on their own schedule',
  polling: 'Polling only: pages refresh on their own schedule',
} as const;

/** What the tasks op-log engine reports about this browser: unsent operations and the last sync with the server. */
export interface TaskSyncState {
  ready: boolean;
  pendingOps: number;
  lastSyncAt: number | null;
  online: boolean;
}

function taskSyncText(t: TaskSyncState, format: Formats): string {
  if (!t.ready) return 'Task sync: starting…';
  const pending = `${t.pendingOps} pending op-log ${t.pendingOps === 1 ? 'op' : 'ops'}`;
  const last = t.lastSyncAt === null ? 'never synced' : `last sync ${format.dateTime(t.lastSyncAt)}`;
  return `${pending} · ${last}${t.online ? '' : ' · offline, will retry'}`;
}

/**
 * This browser's side of sync: the realtime stream, its device id, and the task op-log engine's state.
 * The engine runs on the pages that show tasks; this page reports on it when it runs in this tab and
 * otherwise starts it only when asked ("Sync tasks now"), so Settings loads none of its code (decision 065).
 */
export function BrowserSyncStatus() {
  const tasks = useObservedTasks();
  const taskSync = tasks.running ? { ready: tasks.ready, pendingOps: tasks.pendingOps, lastSyncAt: tasks.lastSyncedAt, online: tasks.online } : null;
  return <BrowserSyncStatusView taskSync={taskSync} onSyncTasks={() => void tasks.actions.syncNow().catch(() => undefined)} />;
}

export function BrowserSyncStatusView({ taskSync, onSyncTasks }: { taskSync: TaskSyncState | null; onSyncTasks: () => void }) {
  const { deviceId } = useSyncEnv();
  const realtime = useRealtimeStatus();
  const format = useFormats();
  return (
    <TitledCard id="browser-sync-title" title="This browser">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-stone-500">Realtime</dt>
        <dd data-testid="browser-realtime" data-state={realtime}>
          {REALTIME_TEXT[realtime]}
        </dd>
        <dt className="text-stone-500">Device id</dt>
        <dd>
          <code className="break-all text-xs" data-testid="browser-device-id">
            {deviceId}
          </code>
        </dd>
        <dt className="text-stone-500">Task sync</dt>
        {taskSync ? (
          <dd data-testid="browser-task-sync" data-pending={taskSync.pendingOps} data-last-sync={taskSync.lastSyncAt ?? ''}>
            {taskSyncText(taskSync, format)}
          </dd>
        ) : (
          <dd data-testid="browser-task-sync" className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="text-stone-600">Runs on the pages that show tasks</span>
            <button type="button" className="btn-secondary px-2 py-1 text-xs" onClick={onSyncTasks}>
              Sync tasks now
            </button>
          </dd>
        )}
      </dl>
    </TitledCard>
  );
}
