import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

export interface E2EUser {
  email: string;
  password: string;
  name: string;
}

let n = 0;
export function newUser(prefix = 'user'): E2EUser {
  n += 1;
  const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 7)}${n}`;
  return { email: `${prefix}-${id}@example.test`, password: `pw ${id} long enough`, name: `${prefix} ${id}` };
}

export async function signUp(request: APIRequestContext, user: E2EUser, timezone = 'Europe/Berlin'): Promise<string> {
  const res = await request.post('/api/auth/signup', { data: { ...user, timezone } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()).id;
}

/** Signs in through next-auth's credentials endpoint; the cookie lands in `request`'s jar. */
export async function logIn(request: APIRequestContext, user: Pick<E2EUser, 'email' | 'password'>) {
  const { csrfToken } = await (await request.get('/api/auth/csrf')).json();
  return request.post('/api/auth/callback/credentials', {
    form: { email: user.email, password: user.password, csrfToken, json: 'true' },
  });
}

export async function acceptTerms(request: APIRequestContext) {
  const tos = await request.get('/api/tos');
  const version = tos.ok() ? (await tos.json()).terms.version : 1;
  const res = await request.post('/api/tos/accept', { data: { version }, headers: { origin: new URL(tos.url()).origin } });
  expect(res.status()).toBe(200);
}

/** A browser context signed in as a new user who has accepted the terms (no UI). */
export async function signedInContext(context: BrowserContext, prefix = 'user'): Promise<E2EUser & { id: string }> {
  const user = newUser(prefix);
  const id = await signUp(context.request, user);
  const res = await logIn(context.request, user);
  expect(res.status()).toBe(200);
  await acceptTerms(context.request);
  // The terms flag lives in the JWT: sign in again so the cookie carries it.
  await logIn(context.request, user);
  return { ...user, id };
}

export async function expectSignedOut(page: Page) {
  await expect(page).toHaveURL(/\/login/);
}

/** The first part of the key of the query a page shows (lib/sync/resources), where it is not the path's. */
const PAGE_DATA: Record<string, string> = { '/today': 'plan', '/settings': 'profile' };

/**
 * How long a service worker may take to install, activate or reload its tabs in a spec: a time no
 * contract sets, which a busy machine stretches (a whole-suite run saw a tab reload after more
 * than 10 s), so it is not expect's default.
 */
export const SW_SETTLES_MS = 30_000;

/**
 * Waits until `path` opens offline: the service worker is active and holds the page, and the
 * page's data is in the user's persisted query cache (offline-db.ts). The cache is written a moment
 * after the data arrives: a page left before that opens offline without its data.
 */
export async function savedForOffline(page: Page, path: string) {
  await expect
    .poll(
      () =>
        page.evaluate(async (p) => {
          if ((await navigator.serviceWorker.getRegistration())?.active?.state !== 'activated') return false;
          return Boolean(await (await caches.open('pages')).match(p, { ignoreVary: true }));
        }, path),
      // The first worker activates once it has precached the build (60 files, ~475 KB): on a
      // saturated 2-core machine that took longer than the default 10 s. No contract bounds it.
      { timeout: SW_SETTLES_MS },
    )
    .toBe(true);
  const domain = PAGE_DATA[path] ?? path.slice(1);
  await expect
    .poll(() =>
      page.evaluate(async (domain) => {
        // The signed-in user's database, and only once the app made it: opening a missing one would create it empty.
        const name = `passion-offline-${document.querySelector('[data-user-id]')?.getAttribute('data-user-id')}`;
        if (!(await indexedDB.databases()).some((d) => d.name === name)) return false;
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        try {
          if (!db.objectStoreNames.contains('cache')) return false;
          type Saved = { clientState: { queries: { queryKey: unknown[]; state: { status: string; dataUpdatedAt: number } }[] } };
          const saved = await new Promise<Saved | undefined>((resolve, reject) => {
            const get = db.transaction('cache').objectStore('cache').get('query-client');
            get.onsuccess = () => resolve(get.result);
            get.onerror = () => reject(get.error);
          });
          return (saved?.clientState.queries ?? []).some((q) => q.queryKey[0] === domain && q.state.status === 'success');
        } finally {
          db.close();
        }
      }, domain),
    )
    .toBe(true);
}
