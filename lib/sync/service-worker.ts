import { Serwist } from '@serwist/window';
import { PAGES_CACHE, PWA_MESSAGES, SERVICE_WORKER_URL } from '@/lib/shared/pwa';

// The page's side of the service worker (lib/pwa/sw.ts, decision 041): register it, offer a new
// version when one is waiting, and save the pages this user opens so they open offline too.

export interface ServiceWorkerHooks {
  /** A new version is installed and waiting: `reload` switches to it and reloads this tab. */
  onUpdateReady: (reload: () => void) => void;
}

/** What registration needs from the browser; tests pass their own. */
export interface ServiceWorkerEnv {
  enabled: boolean;
  create: () => Pick<Serwist, 'addEventListener' | 'messageSkipWaiting' | 'register'>;
  reload: () => void;
  /** Calls `fn` once when the browser next comes back online. */
  whenOnline: (fn: () => void) => void;
}

const supported = () => typeof navigator !== 'undefined' && 'serviceWorker' in navigator && process.env.NODE_ENV === 'production';

const browserEnv = (): ServiceWorkerEnv => ({
  enabled: supported(),
  create: () => new Serwist(SERVICE_WORKER_URL, { scope: '/', type: 'classic' }),
  reload: () => window.location.reload(),
  whenOnline: (fn) => window.addEventListener('online', fn, { once: true }),
});

let registered: ReturnType<ServiceWorkerEnv['create']> | null = null;

/** Registers the worker once per page; later calls only add their hooks. */
export function registerServiceWorker({ onUpdateReady }: ServiceWorkerHooks, env: ServiceWorkerEnv = browserEnv()): void {
  if (!env.enabled) return;
  const first = registered === null;
  registered ??= env.create();
  const sw = registered;
  let reloading = false;
  const reload = () => {
    reloading = true;
    // The waiting worker takes over; every tab it then controls reloads on the new code (below).
    sw.messageSkipWaiting();
  };
  sw.addEventListener('waiting', () => onUpdateReady(reload));
  // A newer worker activated — this tab's Reload, or another tab's: every open tab reloads onto the
  // new build, none stays on older code. The worker never claims open pages (decision 041), so its
  // activation, not 'controlling', is the signal; the first worker of a fresh page reloads nothing.
  let reloaded = false;
  const onNewWorker = (event: { isUpdate?: boolean; isExternal?: boolean }) => {
    if (reloaded || !(event.isUpdate || event.isExternal || reloading)) return;
    reloaded = true;
    env.reload();
  };
  sw.addEventListener('activated', onNewWorker);
  sw.addEventListener('controlling', onNewWorker);
  if (first) registerUntilDone(sw, env);
}

/**
 * Registration fetches the worker script, which fails while offline (the page loaded, then the
 * network went): the page registers again when it is back online, not only on its next full load
 * (client-side navigations load none).
 */
function registerUntilDone(sw: ReturnType<ServiceWorkerEnv['create']>, env: ServiceWorkerEnv): void {
  sw.register().catch(() => env.whenOnline(() => registerUntilDone(sw, env)));
}

/** Forgets the registration (tests). */
export function resetServiceWorkerForTests(): void {
  registered = null;
}

/** Resolves once the worker is activated (its first activation empties the pages cache). */
async function workerActive(): Promise<boolean> {
  if (!supported()) return false;
  const registration = await navigator.serviceWorker.ready;
  const active = registration.active;
  if (!active) return false;
  if (active.state !== 'activated') {
    await new Promise<void>((resolve) => active.addEventListener('statechange', () => active.state === 'activated' && resolve()));
  }
  return true;
}

/**
 * Saves the HTML of a page this user opened, so it opens offline later. Navigations through the
 * worker are saved by the worker itself; this covers the first page (loaded before there was a
 * worker; it never claims open pages) and client-side navigations, which fetch no HTML. Once per
 * page and worker generation.
 */
export async function savePageForOffline(path: string): Promise<void> {
  if (!(await workerActive()) || !navigator.onLine) return;
  const cache = await caches.open(PAGES_CACHE);
  if (await cache.match(path, { ignoreVary: true })) return;
  const res = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
  if (res.ok && !res.redirected && res.headers.get('content-type')?.startsWith('text/html')) await cache.put(path, res);
}

/** Drops every saved page: on sign-out, and before another user's pages could show. */
export async function forgetSavedPages(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await caches.delete(PAGES_CACHE);
  navigator.serviceWorker?.controller?.postMessage({ type: PWA_MESSAGES.forgetPages });
}
