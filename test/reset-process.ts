import { vi } from 'vitest';
import { resetSecretForTests } from '@/lib/server/platform/auth/secret';
import { setBusForTests } from '@/lib/server/platform/changes/bus';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { closeDb } from '@/lib/server/platform/db/client';
import { setLogDestinationForTests } from '@/lib/server/platform/log';
import { existingSingleton } from '@/lib/server/platform/process';
import type { PushFanout } from '@/lib/server/platform/push/fanout';
import { resetHubForTests } from '@/lib/server/platform/realtime';

// Server test files share a worker and its module graph (vitest.config.mts, decision 063): the
// modules are imported once per worker, and every file starts as a fresh process would — the
// environment as the worker found it; no fake timers, spies or stubs left over; no hub, presence,
// push fan-out, bus or log destination made with another file's settings; the database handle
// closed and the configuration and secret re-read (the setup then points them at the file's own
// database). What other process singletons keep (sessions, documents, login counters, metrics) is
// keyed by user, id or address, which every file makes anew; metrics tests compare deltas.
const original = { ...process.env };

export async function resetProcessForTests(): Promise<void> {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  resetHubForTests();
  await existingSingleton<{ pushFanout?: PushFanout }>('push-fanout')?.pushFanout?.stop();
  setBusForTests(undefined);
  setLogDestinationForTests(undefined);
  closeDb();
  resetConfigForTests();
  resetSecretForTests();
}
