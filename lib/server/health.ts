import 'server-only';
import { getBus } from './changes/bus';
import { config } from './config';
import { getClient } from './db/client';
import { ensureDatabase } from './db/migrate';

export interface Health {
  status: 'ok' | 'degraded' | 'down';
  db: 'ok' | 'down';
  bus: 'ok' | 'degraded';
  version: string;
}

/** Liveness: the DB answers a query; a degraded bus still serves (polling is the safety net). */
export async function checkHealth(): Promise<Health> {
  let db: Health['db'] = 'ok';
  try {
    await ensureDatabase();
    await getClient().execute('SELECT 1');
  } catch {
    db = 'down';
  }
  const bus = getBus().status();
  const status = db === 'down' ? 'down' : bus === 'ok' ? 'ok' : 'degraded';
  return { status, db, bus, version: config().version };
}
