// What the service worker (lib/pwa/sw.ts) and the pages agree on.

/** The worker's cache of app pages (HTML): per browser, emptied on sign-out and on a user change. */
export const PAGES_CACHE = 'pages';

/** Where the worker is served (@serwist/turbopack's route, app/serwist/[path]/route.ts). */
export const SERVICE_WORKER_URL = '/serwist/sw.js';

export const PWA_MESSAGES = {
  /** Drop every saved page (sign-out, another user). */
  forgetPages: 'FORGET_PAGES',
} as const;
