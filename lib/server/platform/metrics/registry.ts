import 'server-only';
import { processSingleton } from '@/lib/server/platform/process';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface AppMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  duration: Histogram<'method' | 'route' | 'status'>;
  conditionalGets: Counter<'status'>;
  /** Set once the scrape-time collectors (collectors.ts) are registered. */
  collectorsRegistered: boolean;
}

// Every route bundle counts into, and /api/metrics reads, the same registry: one per process.

function create(): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'status'] as const;
  return {
    registry,
    requests: new Counter({ name: 'passion_http_requests_total', help: 'API requests by method, route pattern and status.', labelNames, registers }),
    duration: new Histogram({
      name: 'passion_http_request_duration_seconds',
      help: 'API request latency by method, route pattern and status.',
      labelNames,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    conditionalGets: new Counter({
      name: 'passion_conditional_get_total',
      help: 'GETs sent with If-None-Match to an ETag route: status 304 (not modified) or 200 (changed).',
      labelNames: ['status'],
      registers,
    }),
    collectorsRegistered: false,
  };
}

export function appMetrics(): AppMetrics {
  return processSingleton('metrics', create);
}

export interface ApiRequestSample {
  method: string;
  route: string;
  status: number;
  durationMs: number;
  /** The request carried If-None-Match and the route answers with an ETag. */
  conditional: boolean;
}

export function recordApiRequest(s: ApiRequestSample): void {
  const m = appMetrics();
  const labels = { method: s.method, route: s.route, status: String(s.status) };
  m.requests.inc(labels);
  m.duration.observe(labels, s.durationMs / 1000);
  if (s.conditional && (s.status === 304 || s.status === 200)) m.conditionalGets.inc({ status: String(s.status) });
}
