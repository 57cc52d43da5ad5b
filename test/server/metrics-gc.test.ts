import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { GET as metrics } from '@/app/api/metrics/route';
import { resetConfigForTests } from '@/lib/server/platform/config';
import { setLogDestinationForTests } from '@/lib/server/platform/log';
import { call } from './helpers';

// The soak's leak check compares the heap after a full collection (scripts/soak.ts).
const TOKEN = 'metrics-token-0123456789abcdef';
const slot = globalThis as { gc?: () => void };
// The errors the server logged, on one short line beside a failed status: a 500's cause is in its log,
// not in its body, and a CI excerpt keeps only the start of the assertion's line.
let logged: string[] = [];
const errorsLogged = () =>
  logged
    .map((line) => JSON.parse(line) as { err?: { type?: string; message?: string; stack?: string } })
    .flatMap(({ err }) => (err ? [`${err.type}: ${err.message} ${err.stack?.split('\n')[1]?.trim() ?? ''}`] : []))
    .join(' | ');

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
  expect((await scrape('/api/metrics')).status, errorsLogged()).toBe(200);
  expect(slot.gc).not.toHaveBeenCalled();
  const res = await scrape('/api/metrics?gc=1');
  expect(res.status, errorsLogged()).toBe(200);
  expect(await res.text()).toContain('nodejs_heap_size_used_bytes');
  expect(slot.gc).toHaveBeenCalledTimes(1);
});
