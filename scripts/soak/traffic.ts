// What the soak's clients saw: the status of every response, the requests that never got one, and
// the ones it dropped on purpose (aborted before the answer, as a flaky network would).

export interface ServerErrorSample {
  method: string;
  path: string;
  status: number;
  body: string;
}

export class Traffic {
  readonly statuses = new Map<number, number>();
  readonly serverErrors: ServerErrorSample[] = [];
  networkErrors = 0;
  dropped = 0;
  /** While false (setup, convergence) nothing is dropped. */
  dropping = false;

  constructor(private readonly dropRate: number) {}

  get responses(): number {
    let n = 0;
    for (const count of this.statuses.values()) n += count;
    return n;
  }

  count(status: number): number {
    return this.statuses.get(status) ?? 0;
  }

  /** `fetch` that counts every answer and, at the drop rate, aborts a request before its answer. */
  fetch = (input: string | URL, init: RequestInit = {}): Promise<Response> => this.send(input, init, this.dropping && Math.random() < this.dropRate);

  /** `fetch` for long-lived streams: counted, never dropped here (the SSE link drops its own). */
  fetchStream = (input: string | URL, init: RequestInit = {}): Promise<Response> => this.send(input, init, false);

  private async send(input: string | URL, init: RequestInit, drop: boolean): Promise<Response> {
    const method = init.method ?? 'GET';
    const controller = new AbortController();
    const signal = init.signal ? AbortSignal.any([init.signal, controller.signal]) : controller.signal;
    const timer = drop ? setTimeout(() => controller.abort(new Error('dropped by the soak')), Math.random() * 40) : undefined;
    let res: Response;
    try {
      res = await fetch(input, { ...init, signal });
    } catch (err) {
      if (controller.signal.aborted) this.dropped += 1;
      else this.networkErrors += 1;
      throw err;
    } finally {
      clearTimeout(timer);
    }
    this.statuses.set(res.status, this.count(res.status) + 1);
    if (res.status >= 500) {
      const body = await res
        .clone()
        .text()
        .catch((err: Error) => `(body unreadable: ${err.message})`);
      this.serverErrors.push({ method, path: new URL(input).pathname, status: res.status, body: body.slice(0, 300) });
    }
    return res;
  }
}

/** A request that failed without an answer (refused, reset, dropped): the caller retries later. */
export function isNetworkError(err: unknown): boolean {
  const e = err as Error;
  if (e?.name === 'TypeError') return e.message === 'fetch failed' || e.message === 'terminated'; // undici's words
  return e?.name === 'AbortError' || e?.name === 'NetworkError' || e?.name === 'TimeoutError' || e?.message === 'dropped by the soak';
}
