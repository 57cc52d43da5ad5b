import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { GET as metrics } from '@/app/api/metrics/route';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { setLogDestinationForTests } from '@/lib/server/platform/log';
import { call } from './helpers';

// The soak's leak check compares the heap after a full collection (scripts/soak.ts).
const TOKEN = 'metrics-token-0123456789abcdef';
const slot = globalThis as { gc?: () => void };
// What the server logged, shown with a failed status: a 500's cause is in its log line, not its body.
let logged: string[] = [];

beforeEach(() => {
  logged = [];
  setLogDestinationForTests({ write: (line: string) => void logged.push(line) });
});

afterEach(() => {
  delete slot.gc;
  delete process.env.METRICS_TOKEN;
  setLogDestinationForTests(undefined);
  resetConfigForTests();
});

it('GET /api/metrics?gc=1 collects garbage first on a test server that exposes gc, and only when asked', async () => {
  process.env.METRICS_TOKEN = TOKEN;
  resetConfigForTests();
  slot.gc = vi.fn();
  const scrape = (path: string) => call(metrics, path, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect((await scrape('/api/metrics')).status, logged.join('')).toBe(200);
  expect(slot.gc).not.toHaveBeenCalled();
  const res = await scrape('/api/metrics?gc=1');
  expect(res.status, logged.join('')).toBe(200);
  expect(await res.text()).toContain('nodejs_heap_size_used_bytes');
  expect(slot.gc).toHaveBeenCalledTimes(1);
});
