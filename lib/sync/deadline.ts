/**
 * A stalled connection (a proxy that never answers, a half-open socket after the laptop slept)
 * must not hold a request in flight for good: whoever waits for it — a poller, the tasks sync
 * cycle — would stop refreshing. Every request of the sync runtime runs under a deadline.
 */
export const REQUEST_TIMEOUT_MS = 20_000;

/**
 * Runs `run` with a signal that aborts when `outer` does or after `ms`, whichever comes first
 * (a `TimeoutError` naming `label`), and rejects with the abort's reason at that moment.
 */
export async function withDeadline<T>(ms: number, label: string, outer: AbortSignal | undefined, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const cancel = () => controller.abort(outer?.reason);
  if (outer?.aborted) cancel();
  outer?.addEventListener('abort', cancel, { once: true });
  const timer = setTimeout(() => controller.abort(new DOMException(`No answer from ${label} within ${ms} ms`, 'TimeoutError')), ms);
  // Settles at the deadline even if `run` ignores its signal (a body stream that never ends).
  const aborted = new Promise<never>((_resolve, reject) => {
    if (controller.signal.aborted) reject(controller.signal.reason);
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
  });
  try {
    return await Promise.race([run(controller.signal), aborted]);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', cancel);
  }
}
