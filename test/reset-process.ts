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
// closed and the configuration and secret re-read, from the file's own environment (its own
// database): that environment is in place before the configuration is dropped, so nothing still
// running from the previous file can read a configuration in between and keep it. What other
// process singletons keep (sessions, documents, login counters, metrics) is keyed by user, id or
// address, which every file makes anew; metrics tests compare deltas.
const original = { ...process.env };

export async function resetProcessForTests(fileEnv: Record<string, string | undefined>): Promise<void> {
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  // Before the environment is set: it puts back what the previous file's stubs replaced.
  vi.unstubAllEnvs();
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  for (const [key, value] of Object.entries(fileEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetHubForTests();
  await existingSingleton<{ pushFanout?: PushFanout }>('push-fanout')?.pushFanout?.stop();
  setBusForTests(undefined);
  setLogDestinationForTests(undefined);
  closeDb();
  resetConfigForTests();
  resetSecretForTests();
}
