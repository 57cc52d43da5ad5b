// The soak's own server: `node scripts/start.mjs` on its own port and data folder, stopped and
// started again by PID, and read through /api/metrics.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';

export interface ServerMetrics {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  externalBytes: number;
  sseConnections: number;
  /** API answers with a 5xx status this process counted (passion_http_requests_total). */
  serverErrors: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The value of every sample of `name` in Prometheus text, summed; `filter` picks samples by their labels. */
function metricSum(text: string, name: string, filter: (labels: string) => boolean = () => true): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = new RegExp(`^${name}(\\{[^}]*\\})? (\\S+)`).exec(line);
    if (match && filter(match[1] ?? '')) sum += Number(match[2]);
  }
  return sum;
}

export class SoakServer {
  readonly url: string;
  private child: ChildProcess | undefined;
  private readonly log: WriteStream;
  starts = 0;

  constructor(
    private readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    logFile: string,
    private readonly metricsToken: string,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.log = createWriteStream(logFile, { flags: 'a' });
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Starts the server (building first when the sources changed) and waits until it answers. */
  async start(timeoutMs: number): Promise<void> {
    if (await this.answers()) throw new Error(`something already serves ${this.url}: stop it or set SOAK_PORT`);
    const child = spawn(process.execPath, ['scripts/start.mjs'], { env: { ...this.env, PORT: String(this.port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.pipe(this.log, { end: false });
    child.stderr!.pipe(this.log, { end: false });
    this.child = child;
    this.starts += 1;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null)
        throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before answering; see its log`);
      if (await this.answers()) return;
      if (Date.now() > deadline) throw new Error(`the server did not answer /api/health within ${Math.round(timeoutMs / 1000)} s`);
      await sleep(250);
    }
  }

  private answers(): Promise<boolean> {
    return fetch(`${this.url}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
  }

  /** SIGTERM to the PID we started (start.mjs forwards it to the server), SIGKILL if it lingers. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** `collect`: a full garbage collection first (the server runs with --expose-gc, APP_ENV=test). */
  async metrics(collect = false): Promise<ServerMetrics> {
    const res = await fetch(`${this.url}/api/metrics${collect ? '?gc=1' : ''}`, { headers: { Authorization: `Bearer ${this.metricsToken}` } });
    if (!res.ok) throw new Error(`/api/metrics answered ${res.status}`);
    const text = await res.text();
    return {
      rssBytes: metricSum(text, 'process_resident_memory_bytes'),
      heapUsedBytes: metricSum(text, 'nodejs_heap_size_used_bytes'),
      heapTotalBytes: metricSum(text, 'nodejs_heap_size_total_bytes'),
      externalBytes: metricSum(text, 'nodejs_external_memory_bytes'),
      sseConnections: metricSum(text, 'passion_sse_connections'),
      serverErrors: metricSum(text, 'passion_http_requests_total', (labels) => /status="5\d\d"/.test(labels)),
    };
  }

  close(): void {
    this.log.end();
  }
}
