import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppSession } from '@/lib/sync/auth-session';
import { openTabChannel } from '@/lib/sync/tab-channel';

const waiting = { count: 0 };
const forgotten: string[] = [];
vi.mock('@/lib/sync/offline-db', () => ({
  waitingWrites: async () => waiting.count,
  forgetSavedQueries: async (userId: string) => void forgotten.push(`queries:${userId}`),
}));
vi.mock('@/lib/sync/service-worker', () => ({ forgetSavedPages: async () => void forgotten.push('pages') }));
const navigated: string[] = [];
vi.mock('./navigation', () => ({ hardNavigate: (path: string) => navigated.push(path) }));

const { SignOutButton } = await import('./SignOutButton');
const { SessionStateProvider } = await import('./SessionState');

const alice: AppSession = { user: { id: 'u1', email: 'a@example.test', name: 'Alice', role: 'user' }, termsVersion: 1, expires: '2030-01-01T00:00:00.000Z' };

function stubAuth() {
  const calls: Array<{ key: string; body?: string }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${url}`;
      calls.push({ key, body: init?.body ? String(init.body) : undefined });
      const body = key === 'GET /api/auth/csrf' ? { csrfToken: 'tok' } : { url: '/login' };
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

function show(client = new QueryClient()) {
  render(
    <QueryClientProvider client={client}>
      <SessionStateProvider session={alice}>
        <SignOutButton />
      </SessionStateProvider>
    </QueryClientProvider>,
  );
  return client;
}

describe('SignOutButton', () => {
  beforeEach(() => {
    waiting.count = 0;
    forgotten.length = 0;
    navigated.length = 0;
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  it('forgets what this browser saved, signs out on the server with its CSRF token, tells the other tabs and leaves for /login', async () => {
    const calls = stubAuth();
    const other = openTabChannel<{ type: string }>('pos-session');
    const heard: string[] = [];
    other.subscribe((m) => heard.push(m.type));
    const client = show();
    client.setQueryData(['profile', 'u1'], { name: 'Alice' });

    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(navigated).toEqual(['/login']));
    expect(client.getQueryCache().getAll()).toHaveLength(0);
    expect(forgotten.sort()).toEqual(['pages', 'queries:u1']);
    expect(calls.map((c) => c.key)).toEqual(['GET /api/auth/csrf', 'POST /api/auth/signout']);
    expect(new URLSearchParams(calls[1].body).get('csrfToken')).toBe('tok');
    await vi.waitFor(() => expect(heard).toEqual(['session-changed']));
    other.close();
  });

  it('asks first while changes wait to be sent, and stays signed in on Cancel', async () => {
    const calls = stubAuth();
    waiting.count = 2;
    const asked: string[] = [];
    vi.spyOn(window, 'confirm').mockImplementation((message) => {
      asked.push(String(message));
      return false;
    });
    show();
    fireEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await vi.waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Sign out' }).disabled).toBe(false));
    expect(asked).toEqual([expect.stringContaining('2 changes made offline have not been sent yet')]);
    expect(calls).toEqual([]);
    expect(navigated).toEqual([]);
  });
});
