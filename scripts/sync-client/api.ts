import { z } from 'zod';
import { deviceViewSchema, type DeviceView } from '@/lib/shared/schemas/native';
import {
  syncDownloadResultSchema,
  syncUploadResultSchema,
  type SyncChangeInput,
  type SyncDownloadResult,
  type SyncUploadResult,
} from '@/lib/shared/schemas/records-sync';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** The request never got an answer (connection refused, reset, timed out, answer lost). */
export class NetworkError extends Error {
  constructor(
    message: string,
    readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'NetworkError';
  }
}

export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

/** The server answered with an error status, or with something that is not what the API promises. */
export class ServerError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ErrorIssue[] = [],
  ) {
    super(message);
    this.name = 'ServerError';
  }
}

const TIMEOUT_MS = 30_000;
const ATTEMPTS = 3;
const RETRY_DELAY_MS = 200;
const meSchema = z.object({ id: z.string(), email: z.string() });
const errorBody = z.object({
  error: z.object({
    code: z.string().optional(),
    message: z.string().optional(),
    issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
  }),
});

/** The native API as the reference client uses it: Bearer key, JSON, answers checked against the shared schemas. */
export class SyncApi {
  private readonly base: string;

  constructor(
    server: string,
    private readonly apiKey: string,
    private readonly fetchImpl: FetchLike = fetch,
  ) {
    this.base = server.replace(/\/+$/, '');
  }

  private async request<S extends z.ZodType>(method: string, path: string, schema: S, body?: unknown, attempts = ATTEMPTS): Promise<z.infer<S>> {
    let res: Response | undefined;
    for (let attempt = 1; !res; attempt += 1) {
      try {
        res = await this.fetchImpl(`${this.base}${path}`, {
          method,
          headers: {
            Authorization: `Bearer ${this.apiKey}`,
            Accept: 'application/json',
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
      } catch (err) {
        // A keep-alive connection the server has just closed fails the first try; sync requests are
        // safe to repeat (the server acknowledges an upload it already holds).
        if (attempt >= attempts || (err as Error).name === 'TimeoutError') throw new NetworkError(`${method} ${path} failed: ${(err as Error).message}`, err);
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAY_MS * attempt));
      }
    }
    let payload: unknown;
    try {
      payload = await res.json();
    } catch (err) {
      if (res.ok) throw new NetworkError(`${method} ${path}: the answer was cut off (${(err as Error).message})`, err);
      payload = null;
    }
    if (!res.ok) {
      const error = errorBody.safeParse(payload).data?.error;
      throw new ServerError(res.status, error?.code ?? 'http_error', `${method} ${path} → ${res.status}: ${error?.message ?? res.statusText}`, error?.issues);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success)
      throw new ServerError(res.status, 'unexpected_answer', `${method} ${path}: the answer does not match the API (${parsed.error.message})`);
    return parsed.data;
  }

  whoAmI(): Promise<{ id: string; email: string }> {
    return this.request('GET', '/api/me', meSchema);
  }

  registerDevice(label: string, platform: string): Promise<DeviceView> {
    // Not repeated on its own: a second try could register the device twice.
    return this.request('POST', '/api/devices', deviceViewSchema, { label, platform }, 1);
  }

  upload(deviceId: string, changes: SyncChangeInput[], clientCursor: number): Promise<SyncUploadResult> {
    return this.request('POST', '/api/v1/sync/upload', syncUploadResultSchema, { deviceId, changes, clientCursor });
  }

  download(deviceId: string, since: number, limit?: number): Promise<SyncDownloadResult> {
    const query = new URLSearchParams({ deviceId, since: String(since), ...(limit ? { limit: String(limit) } : {}) });
    return this.request('GET', `/api/v1/sync/download?${query}`, syncDownloadResultSchema);
  }
}
