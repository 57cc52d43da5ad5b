import 'server-only';
import { resolvePrincipal } from '../auth/principal';
import { ensureDatabase } from '../db/migrate';
import { AppError, unauthorized } from '../errors';
import { errorResponse } from '../http/respond';
import { getHub } from './index';

const DEVICE_ID = /^[A-Za-z0-9_-]{1,100}$/;
const encoder = new TextEncoder();

/**
 * GET /api/events: one SSE stream per device. Unbuffered through proxies (`no-transform`,
 * `X-Accel-Buffering: no`); cleaned up exactly once whether the client aborts or the stream is cancelled.
 */
export async function openEventStream(req: Request): Promise<Response> {
  try {
    await ensureDatabase();
    const principal = await resolvePrincipal(req);
    if (!principal) throw unauthorized();
    const url = new URL(req.url);
    const deviceId = url.searchParams.get('deviceId') ?? '';
    if (!DEVICE_ID.test(deviceId)) throw new AppError('validation_failed', 'deviceId is required: 1–100 letters, digits, - or _', [{ path: ['deviceId'], message: 'Invalid device id' }]);
    const label = (url.searchParams.get('deviceLabel') ?? '').slice(0, 80) || 'Unknown device';
    const hub = getHub();
    let cleanup = () => {};
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        let open = true;
        const conn = hub.connect({
          userId: principal.userId,
          deviceId,
          label,
          sessionId: principal.sessionId ?? null,
          expiresAt: principal.expiresAt ?? null,
          lastEventId: req.headers.get('last-event-id') ?? url.searchParams.get('lastEventId'),
          sink: {
            write(chunk) {
              if (!open) return false;
              try {
                controller.enqueue(encoder.encode(chunk));
                return true;
              } catch {
                open = false;
                return false;
              }
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
    });
    return new Response(stream, {
      headers: {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache, no-transform',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
        Vary: 'Cookie, Authorization',
      },
    });
  } catch (err) {
    return errorResponse(err);
  }
}
