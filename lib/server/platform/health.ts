import 'server-only';
import { changeFeed, type BusStatus } from '@/lib/server/platform/changes';
import { config } from './config';
import { getClient } from '@/lib/server/platform/db/client';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  db: 'ok' | 'down';
  bus: BusStatus;
  version: string;
}

export interface Readiness {
  status: 'ready' | 'not_ready';
  db: 'ok' | 'down';
  bus: BusStatus;
  /** The parts that keep this node from taking traffic. */
  failing: ('db' | 'bus')[];
}

/** The database is created, migrated and answers a query. */
async function databaseStatus(): Promise<'ok' | 'down'> {
  try {
    await ensureDatabase();
    await getClient().execute('SELECT 1');
    return 'ok';
  } catch {
    return 'down';
  }
}

/** Liveness: the DB answers a query; a degraded bus still serves (polling is the safety net). */
export async function checkHealth(): Promise<Health> {
  const db = await databaseStatus();
  const bus = changeFeed().status();
  const status = db === 'down' ? 'down' : bus === 'ok' ? 'ok' : 'degraded';
  return { status, db, bus, version: config().version };
}

/**
 * Readiness: stricter than liveness — a node whose bus is down would serve, but its writes would
 * not nudge other nodes' devices, so a load balancer should prefer the others while it reconnects.
 */
export async function checkReadiness(): Promise<Readiness> {
  const db = await databaseStatus();
  const bus = changeFeed().status();
  const failing = [...(db === 'ok' ? [] : ['db' as const]), ...(bus === 'ok' ? [] : ['bus' as const])];
  return { status: failing.length ? 'not_ready' : 'ready', db, bus, failing };
}
