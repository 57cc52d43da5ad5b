'use client';

import { useSyncEnv } from '@/lib/sync/provider';
import { useRealtimeStatus } from '@/lib/sync/realtime';

const REALTIME_TEXT = {
  live: 'Live: changes from your other devices appear instantly',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting; pages still refresh on their own schedule',
  polling: 'Polling only: pages refresh on their own schedule',
} as const;

/** What the tasks op-log engine reports about this browser: unsent operations and the last pull. */
export interface TaskSyncState {
  pendingOps: number;
  lastSyncAt: number | null;
}

/** This browser's side of sync: the realtime stream, its device id, and the task op-log when it runs here. */
export function BrowserSyncStatus({ taskSync = null }: { taskSync?: TaskSyncState | null }) {
  const { deviceId } = useSyncEnv();
  const realtime = useRealtimeStatus();
  return (
    <section className="card space-y-3" aria-labelledby="browser-sync-title">
      <h2 id="browser-sync-title" className="text-lg font-semibold">This browser</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-2 text-sm">
        <dt className="text-stone-500">Realtime</dt>
        <dd data-testid="browser-realtime" data-state={realtime}>{REALTIME_TEXT[realtime]}</dd>
        <dt className="text-stone-500">Device id</dt>
        <dd><code className="break-all text-xs" data-testid="browser-device-id">{deviceId}</code></dd>
        <dt className="text-stone-500">Task sync</dt>
        <dd data-testid="browser-task-sync">
          {taskSync ? `${taskSync.pendingOps} pending op-log ops · last sync ${taskSync.lastSyncAt === null ? 'never' : new Date(taskSync.lastSyncAt).toLocaleString()}` : 'Task sync: not started in this browser'}
        </dd>
      </dl>
    </section>
  );
}
