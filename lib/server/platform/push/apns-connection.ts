import 'server-only';
import http2 from 'node:http2';
import { logger } from '@/lib/server/platform/log';

export interface ApnsAnswer {
  status: number;
  reason: string | null;
  /** With 410: when APNs learned the token is no longer valid (ms since the epoch). */
  timestamp: number | null;
  apnsId: string | null;
}

/** No answer from APNs: timeout, connection lost, stream reset. `retryable`: APNs sent nothing back, so resending is safe. */
export class ApnsRequestError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ApnsRequestError';
  }
}

/**
 * One long-lived HTTP/2 connection to one APNs origin (Apple asks providers to keep it open).
 * A GOAWAY or a close drops it and the next push reconnects; failed connections back off.
 */
export class ApnsConnection {
  private session: http2.ClientHttp2Session | null = null;
  private failures = 0;
  private retryAt = 0;
  private closed = false;

  constructor(
    private readonly origin: string,
    private readonly options: () => http2.SecureClientSessionOptions,
    private readonly connectTimeoutMs: number,
    private readonly reconnect: { minMs: number; maxMs: number },
  ) {}

  async get(): Promise<http2.ClientHttp2Session> {
    if (this.closed) throw new ApnsRequestError('The APNs client is closed', false);
    if (this.session) return this.session;
    const wait = this.retryAt - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
    if (this.closed) throw new ApnsRequestError('The APNs client is closed', false);
    return this.session ?? this.open();
  }

  private open(): http2.ClientHttp2Session {
    const session = http2.connect(this.origin, this.options());
    let connected = false;
    const connectTimer = setTimeout(() => session.destroy(new Error(`APNs connection timed out after ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs);
    connectTimer.unref();
    session.once('connect', () => {
      connected = true;
      this.failures = 0;
      clearTimeout(connectTimer);
    });
    // After a GOAWAY, streams the server accepted still finish on this session; new ones need another.
    session.on('goaway', () => this.drop(session, false));
    session.on('error', (err) => {
      logger().error({ err: err.message }, `APNs connection to ${this.origin} failed:`);
      this.drop(session, true);
    });
    session.once('close', () => {
      clearTimeout(connectTimer);
      this.drop(session, !connected);
    });
    this.session = session;
    return session;
  }

  private drop(session: http2.ClientHttp2Session, failed: boolean): void {
    if (this.session !== session) return;
    this.session = null;
    if (!failed) return;
    this.failures += 1;
    this.retryAt = Date.now() + Math.min(this.reconnect.maxMs, this.reconnect.minMs * 2 ** (this.failures - 1));
  }

  close(): Promise<void> {
    this.closed = true;
    const session = this.session;
    this.session = null;
    if (!session || session.closed || session.destroyed) return Promise.resolve();
    return new Promise((resolve) => session.close(() => resolve()));
  }
}

/** Sends one request on `session` and reads APNs' answer. */
export function exchange(session: http2.ClientHttp2Session, headers: http2.OutgoingHttpHeaders, body: string, timeoutMs: number): Promise<ApnsAnswer> {
  return new Promise((resolve, reject) => {
    let stream: http2.ClientHttp2Stream;
    try {
      stream = session.request(headers);
    } catch (err) {
      reject(new ApnsRequestError(`APNs session unusable: ${(err as Error).message}`, true));
      return;
    }
    let settled = false;
    let answered = false;
    let status = 0;
    let apnsId: string | null = null;
    const chunks: Buffer[] = [];
    const fail = (message: string, retryable: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(new ApnsRequestError(message, retryable));
    };
    // A push that timed out may have been delivered: it is reported, not resent here.
    const timer = setTimeout(() => {
      fail(`APNs did not answer within ${timeoutMs} ms`, false);
      stream.close(http2.constants.NGHTTP2_CANCEL);
    }, timeoutMs);
    timer.unref();
    stream.on('response', (h) => {
      answered = true;
      status = Number(h[':status']);
      apnsId = typeof h['apns-id'] === 'string' ? h['apns-id'] : null;
    });
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      if (settled || !answered) return;
      settled = true;
      clearTimeout(timer);
      resolve({ status, apnsId, ...parseBody(Buffer.concat(chunks).toString('utf8')) });
    });
    // A duplicate silent push only triggers one more sync, so anything lost before an answer may be resent.
    stream.on('error', (err) => fail(`APNs stream failed: ${err.message}`, !answered));
    stream.on('close', () => fail(`APNs stream closed without an answer (code ${stream.rstCode ?? 'none'})`, !answered));
    stream.end(body);
  });
}

function parseBody(text: string): { reason: string | null; timestamp: number | null } {
  if (!text) return { reason: null, timestamp: null };
  try {
    const body = JSON.parse(text) as { reason?: unknown; timestamp?: unknown };
    return {
      reason: typeof body.reason === 'string' ? body.reason : null,
      timestamp: typeof body.timestamp === 'number' ? body.timestamp : null,
    };
  } catch {
    return { reason: text.slice(0, 200), timestamp: null };
  }
}
