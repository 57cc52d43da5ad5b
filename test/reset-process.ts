import { vi } from 'vitest';
import { closeDb } from '@/lib/server/platform/db/client';
import { resetConfigForTests } from '@/lib/server/platform/config';

// Server test files share a worker and its module graph (vitest.config.mts, decision 063): the
// modules are imported once per worker, and every file starts as a fresh process would — the
// environment as the worker found it, no fake timers or spies left over, the database handle
// closed and the configuration re-read (the setup then points both at the file's own database).
// What a process singleton keeps is keyed by user, URL or id, which every file makes anew.
const original = { ...process.env };

export function resetProcessForTests(): void {
  for (const key of Object.keys(process.env)) if (!(key in original)) delete process.env[key];
  Object.assign(process.env, original);
  vi.useRealTimers();
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.unstubAllEnvs();
  closeDb();
  resetConfigForTests();
}
