/// <reference lib="webworker" />
// The service worker (decision 041), bundled by @serwist/turbopack at build time and served at
// /serwist/sw.js. It precaches the build's static files and serves app pages from cache when the
// network fails. It never touches /api/: answers there are per user and live (SSE, downloads,
// auth), and what the app keeps for offline reading is the per-user query cache in IndexedDB.
import { CacheFirst, ExpirationPlugin, NetworkFirst, Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';
import { PAGES_CACHE, PWA_MESSAGES } from '../shared/pwa';

declare const self: ServiceWorkerGlobalScope & { __SW_MANIFEST: (PrecacheEntry | string)[] | undefined };

const isApi = (url: URL) => url.pathname.startsWith('/api/');

/** What a navigation gets when neither the network nor the cache has the page. */
function offlinePage(): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Offline · Passion OS</title><style>body{font:16px system-ui,sans-serif;background:#fafaf9;color:#1c1917;display:grid;place-items:center;min-height:100vh;margin:0}
main{max-width:28rem;padding:1.5rem;text-align:center}a{color:#b93712}</style></head>
<body><main><h1>You are offline</h1><p>This page has not been opened on this device yet, so there is nothing saved to show.
Pages you have opened before still work offline.</p><p><a href="/today">Open Today</a> · <a href="/habits">Habits</a> · <a href="/focus">Focus</a></p></main></body></html>`;
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/** When the page itself is not cached, the same path with another query is still that page. */
const pageFallback: SerwistPlugin = {
  handlerDidError: async ({ request }) => {
    const cache = await caches.open(PAGES_CACHE);
    return (await cache.match(request.url, { ignoreSearch: true, ignoreVary: true })) ?? offlinePage();
  },
};

const serwist = new Serwist({
  precacheEntries: self.__SW_MANIFEST,
  // A new worker waits until the user reloads (the update banner) or every tab is closed, so no
  // tab runs code of one build against files of another.
  skipWaiting: false,
  // Nor does the first worker claim open pages: a claim evicts them from the back/forward cache, and
  // the page saves itself for offline use without it (lib/sync/service-worker.ts).
  clientsClaim: false,
  navigationPreload: true,
  runtimeCaching: [
    {
      // App pages: the network first (they carry the current build and the session), the cached
      // copy when it fails. Redirects (signed out → /login) are never cached: only 200s are.
      matcher: ({ request, url, sameOrigin }) => sameOrigin && request.mode === 'navigate' && !isApi(url),
      handler: new NetworkFirst({ cacheName: PAGES_CACHE, matchOptions: { ignoreVary: true }, plugins: [pageFallback] }),
    },
    {
      // Build files the precache does not list (a newer build's, while this worker still serves an older tab).
      matcher: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/_next/static/'),
      handler: new CacheFirst({ cacheName: 'next-static', plugins: [new ExpirationPlugin({ maxEntries: 200, maxAgeSeconds: 30 * 24 * 60 * 60 })] }),
    },
  ],
});

self.addEventListener('activate', (event) => {
  // Saved pages name the files of the build that saved them: a new build starts with none.
  event.waitUntil(caches.delete(PAGES_CACHE));
});

self.addEventListener('message', (event) => {
  if (event.data?.type === PWA_MESSAGES.forgetPages) event.waitUntil(caches.delete(PAGES_CACHE));
});

serwist.addEventListeners();
