'use client';

import { CloudOff, RefreshCw } from 'lucide-react';
import type { Formats } from '@/lib/shared/format';
import type { TasksSyncState } from '@/lib/sync/tasks/engine';
import { useFormats } from '@/lib/sync/use-formats';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function describe(s: Pick<TasksSyncState, 'pendingOps' | 'lastSyncedAt' | 'online' | 'syncing' | 'error'>, format: Formats): string {
  const changes = plural(s.pendingOps, 'change', 'changes');
  if (!s.online)
    return s.pendingOps > 0 ? `Offline · ${changes} saved on this device, sent when you are back online` : 'Offline · edits are saved on this device';
  if (s.pendingOps > 0) return s.syncing ? `Syncing ${changes}…` : `${changes} waiting to sync`;
  if (s.lastSyncedAt === null) return s.syncing ? 'Syncing…' : 'Not synced yet';
  return `All changes synced · last synced ${format.time(s.lastSyncedAt)}`;
}

/** One line under the lists: pending ops, last sync, offline — and the error, if any. */
export function SyncStatus({ state, onSyncNow }: { state: TasksSyncState; onSyncNow: () => void }) {
  const format = useFormats();
  return (
    <div
      className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-stone-500"
      data-testid="tasks-sync-status"
      data-pending={state.pendingOps}
      data-online={state.online}
      data-synced={state.lastSyncedAt !== null && state.pendingOps === 0}
    >
      <p role="status" aria-live="polite" className="flex items-center gap-1.5">
        {state.online ? null : <CloudOff className="h-3.5 w-3.5" aria-hidden />}
        {describe(state, format)}
      </p>
      {state.error ? (
        <p className="text-amber-700" role="alert">
          {state.error}
        </p>
      ) : null}
      <button type="button" className="btn-ghost px-2 py-1 text-xs" onClick={onSyncNow} disabled={!state.online || state.syncing}>
        <RefreshCw className={`h-3.5 w-3.5 ${state.syncing ? 'animate-spin' : ''}`} aria-hidden /> Sync now
      </button>
    </div>
  );
}
