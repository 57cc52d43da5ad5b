/**
 * What the tabs of one browser tell each other about one user's tasks (channel `passion-tasks`).
 * Every tab keeps its own replica; ops travel as ops, a late or frozen tab asks for a snapshot.
 */
import type { OpEnvelope, KeptOpEnvelope } from '@/lib/shared/crdt';

/** The leader's last sync, shown by every tab. */
export interface SharedStatus {
  lastSyncedAt: number | null;
  online: boolean;
  syncing: boolean;
  error: string | null;
}

export type SyncReason = 'leader' | 'local' | 'nudge' | 'resync' | 'focus' | 'visible' | 'resume' | 'online' | 'poll' | 'manual';

export type TasksTabMessage =
  /** A tab's local ops, sent once they are in the IndexedDB outbox. */
  | { kind: 'ops'; userId: string; ops: OpEnvelope[] }
  /** Ops the leader pulled from the server, those it keeps for a newer build included. */
  | { kind: 'pulled'; userId: string; ops: (OpEnvelope | KeptOpEnvelope)[] }
  /** A tab that (re)joined asks the leader for its state. */
  | { kind: 'hello'; userId: string; from: string }
  /** A whole replica (`TaskDocument.toSnapshot`), for one tab or (after a bootstrap) for all. */
  | { kind: 'state'; userId: string; to: string | null; snapshot: string }
  | { kind: 'status'; userId: string; status: SharedStatus }
  /** A follower's trigger (focus, poll, …): the leader syncs for it. */
  | { kind: 'sync'; userId: string; reason: SyncReason };
