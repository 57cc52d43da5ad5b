import type { Clock } from '../clock';
import type { LastFetchStore } from '../last-fetch';
import type { Election } from '../leader';
import type { LifecycleSource } from '../lifecycle';
import type { TabChannel } from '../tab-channel';
import type { NetworkSource } from './network';
import type { TaskStore } from './store';
import type { TasksTabMessage } from './tab-protocol';
import type { RealtimeSource } from './triggers';

export interface SyncReport {
  /** Ops the server accepted from this browser in the cycle (duplicates excluded). */
  pushed: number;
  pulled: number;
}

export interface SyncEngineOptions {
  userId: string;
  deviceId: string;
  openStore: () => Promise<TaskStore>;
  channel: TabChannel<TasksTabMessage>;
  /** Joins the election of the tab that syncs, e.g. `(on) => elect(\`pos-tasks:${userId}\`, on)`. */
  elect: (onChange: (leader: boolean) => void) => Election;
  lifecycle: LifecycleSource;
  realtime?: RealtimeSource | null;
  network?: NetworkSource;
  fetch?: typeof fetch;
  clock?: Clock;
  random?: () => number;
  /** Multiplies the contract's durations (tests and benchmarks compress time). */
  scale?: number;
  timeZone?: string;
  newId?: () => string;
  /** The leader's last sync, on the runtime's last-fetch clock (sessionStorage); in memory by default. */
  lastSync?: LastFetchStore;
}
