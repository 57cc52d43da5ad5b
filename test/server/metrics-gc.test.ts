import { afterEach, expect, it, vi } from 'vitest';
import { GET as metrics } from '@/app/api/metrics/route';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { call } from './helpers';

// The soak's leak check compares the heap after a full collection (scripts/soak.ts).
const TOKEN = 'metrics-token-0123456789abcdef';
const slot = globalThis as { gc?: () => void };

afterEach(() => {
  delete slot.gc;
  delete process.env.METRICS_TOKEN;
  resetConfigForTests();
});

it('GET /api/metrics?gc=1 collects garbage first on a test server that exposes gc, and only when asked', async () => {
  process.env.METRICS_TOKEN = TOKEN;
  resetConfigForTests();
  slot.gc = vi.fn();
  const scrape = (path: string) => call(metrics, path, { headers: { authorization: `Bearer ${TOKEN}` } });
  expect((await scrape('/api/metrics')).status).toBe(200);
  expect(slot.gc).not.toHaveBeenCalled();
  const res = await scrape('/api/metrics?gc=1');
  expect(res.status).toBe(200);
  expect(await res.text()).toContain('nodejs_heap_size_used_bytes');
  expect(slot.gc).toHaveBeenCalledTimes(1);
});
