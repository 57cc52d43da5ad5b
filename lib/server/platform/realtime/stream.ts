import 'server-only';
import { resolvePrincipal } from '@/lib/server/platform/auth/principal';
import { ensureDatabase } from '@/lib/server/platform/db/migrate';
import { AppError, unauthorized } from '@/lib/server/platform/errors';
import { errorResponse } from '@/lib/server/platform/http/respond';
import { securityHeaders } from '@/lib/server/platform/http/security-headers.js';
import { realtimeExtensions } from './extensions';
import { getHub } from './index';
import { UNKNOWN_DEVICE_LABEL } from './presence';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const encoder = new TextEncoder();

/**
 * A stream whose client reads slower than events arrive is closed once this much waits unsent:
 * memory stays bounded, and the client reconnects and gets replay or `resync`.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/** A 200 stream's headers: unbuffered through proxies, with every response's security headers. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  ...securityHeaders(),
  'Content-Type': 'text/event-stream; charset=utf-8',
  'Cache-Control': 'no-cache, no-transform',
  Connection: 'keep-alive',
  'X-Accel-Buffering': 'no',
  Vary: 'Cookie, Authorization',
};

export interface StreamRequest {
  userId: string;
  deviceId: string;
  label: string;
  sessionId: string | null;
  apiKeyId: string | null;
  expiresAt: number | null;
  lastEventId: string | null;
}

/** Authenticates and validates a GET /api/events request (shared by the route and the node server). */
export async function authorizeStream(req: Request): Promise<StreamRequest> {
  await ensureDatabase();
  const principal = await resolvePrincipal(req);
  if (!principal) throw unauthorized();
  const url = new URL(req.url);
  const deviceId = url.searchParams.get('deviceId') ?? '';
  if (!DEVICE_ID.test(deviceId))
    throw new AppError('validation_failed', 'deviceId is required: 1–100 letters, digits, - or _', [{ path: ['deviceId'], message: 'Invalid device id' }]);
  for (const admit of realtimeExtensions().admissions.values()) await admit(principal.userId, deviceId);
  // Admitted: the stream opens, which counts as the credential being used (a refusal writes nothing).
  await principal.markSeen?.();
  return {
    userId: principal.userId,
    deviceId,
    label: (url.searchParams.get('deviceLabel') ?? '').slice(0, 80) || UNKNOWN_DEVICE_LABEL,
    sessionId: principal.sessionId ?? null,
    apiKeyId: principal.apiKeyId ?? null,
    expiresAt: principal.expiresAt ?? null,
    lastEventId: req.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
  };
}

/**
 * GET /api/events as a route handler (`next dev`; `npm start` serves it from lib/server/platform/realtime/node-stream.ts).
 * Unbuffered through proxies; cleaned up exactly once whether the client aborts or the stream is cancelled.
 */
export async function openEventStream(req: Request): Promise<Response> {
  try {
    const input = await authorizeStream(req);
    const hub = getHub();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>(
      {
        start(controller) {
          let open = true;
          const conn = hub.connect({
            ...input,
            sink: {
              write(chunk) {
                if (!open) return false;
                try {
                  controller.enqueue(encoder.encode(chunk));
                  if ((controller.desiredSize ?? 0) >= 0) return true;
                  controller.error(new Error('SSE client too slow: buffer limit exceeded'));
                } catch {
                  // Cancelled by the client.
                }
                open = false;
                return false;
              },
              close() {
                if (!open) return;
                open = false;
                try {
                  controller.close();
                } catch {
                  // The client already went away.
                }
              },
            },
          });
          cleanup = () => hub.disconnect(conn);
          req.signal.addEventListener('abort', cleanup, { once: true });
        },
        cancel() {
          cleanup();
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: MAX_BUFFERED_BYTES }),
    );
    return new Response(stream, { headers: SSE_HEADERS });
  } catch (err) {
    return errorResponse(err);
  }
}
