import { systemClock, type Clock } from '@/lib/shared/clock';

// Time as the sync runtime sees it (lib/shared/clock.ts); tests inject fake timers, the focus poller a Worker clock.
export { systemClock, type Clock };

const WORKER_SOURCE = `const t = new Map();
onmessage = (e) => {
  const { id, ms, cancel } = e.data;
  if (cancel) { clearTimeout(t.get(id)); t.delete(id); return; }
  t.set(id, setTimeout(() => { t.delete(id); postMessage(id); }, ms));
};`;

let workerClock: Clock | undefined;

/**
 * Chrome throttles timers of pages hidden for 5 minutes to once a minute; a dedicated Worker's
 * timers are not throttled, so contracts that poll while hidden (focus: ≤ 30 s) schedule here.
 */
export function hiddenSafeClock(): Clock {
  if (workerClock) return workerClock;
  if (typeof Worker === 'undefined' || typeof Blob === 'undefined' || typeof URL.createObjectURL !== 'function') return systemClock;
  let worker: Worker;
  try {
    worker = new Worker(URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' })));
  } catch {
    return systemClock;
  }
  const callbacks = new Map<number, () => void>();
  let next = 1;
  worker.onmessage = (e: MessageEvent<number>) => {
    const fn = callbacks.get(e.data);
    callbacks.delete(e.data);
    fn?.();
  };
  workerClock = {
    now: () => Date.now(),
    setTimeout(fn, ms) {
      const id = next++;
      callbacks.set(id, fn);
      worker.postMessage({ id, ms });
      return id;
    },
    clearTimeout(id) {
      if (typeof id !== 'number' || !callbacks.delete(id)) return;
      worker.postMessage({ id, cancel: true });
    },
  };
  return workerClock;
}
