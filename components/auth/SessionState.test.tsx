import { act, render, screen } from '@testing-library/react';
import { useEffect } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppSession } from '@/lib/sync/auth-session';
import { openTabChannel } from '@/lib/sync/tab-channel';
import { SessionStateProvider, useAppSession, type SessionState } from './SessionState';

const alice: AppSession = { user: { id: 'u1', email: 'a@example.test', name: 'Alice', role: 'user' }, termsVersion: 0, expires: '2030-01-01T00:00:00.000Z' };

afterEach(() => {
  vi.unstubAllGlobals();
});

const seen: { current: SessionState | null } = { current: null };
function Shows() {
  const state = useAppSession();
  useEffect(() => {
    seen.current = state;
  });
  return <p data-testid="who">{`${state.status}:${state.data?.user.name ?? '-'}:${state.data?.termsVersion ?? '-'}`}</p>;
}

/** fetch answering from `answers` by "METHOD path", recording every call. */
function stubFetch(answers: Record<string, () => unknown>) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      const key = `${init?.method ?? 'GET'} ${url}`;
      calls.push(key);
      const answer = answers[key];
      if (!answer) throw new TypeError('Failed to fetch');
      return new Response(JSON.stringify(answer()), { status: 200, headers: { 'Content-Type': 'application/json' } });
    }),
  );
  return calls;
}

/** Another tab of this browser saying the session changed. */
function otherTabSays() {
  const other = openTabChannel<{ type: string }>('pos-session');
  other.post({ type: 'session-changed' });
  other.close();
}

describe('SessionStateProvider', () => {
  it('starts from the server’s session and asks nothing on focus or when the tab is shown again', async () => {
    const calls = stubFetch({});
    render(
      <SessionStateProvider session={alice}>
        <Shows />
      </SessionStateProvider>,
    );
    expect(screen.getByTestId('who').textContent).toBe('authenticated:Alice:0');
    window.dispatchEvent(new Event('focus'));
    document.dispatchEvent(new Event('visibilitychange'));
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
  });

  it('reads the session again when another tab says it changed: signed out there is signed out here', async () => {
    const calls = stubFetch({ 'GET /api/auth/session': () => ({}) });
    render(
      <SessionStateProvider session={alice}>
        <Shows />
      </SessionStateProvider>,
    );
    otherTabSays();
    await vi.waitFor(() => expect(screen.getByTestId('who').textContent).toBe('unauthenticated:-:-'));
    expect(calls).toEqual(['GET /api/auth/session']);
  });

  it('takes the token another tab refreshed (terms accepted there), and keeps the session when the server cannot be asked', async () => {
    let answer: (() => unknown) | null = () => ({ ...alice, termsVersion: 3 });
    stubFetch({ 'GET /api/auth/session': () => (answer ? answer() : Promise.reject(new TypeError('offline'))) });
    render(
      <SessionStateProvider session={alice}>
        <Shows />
      </SessionStateProvider>,
    );
    otherTabSays();
    await vi.waitFor(() => expect(screen.getByTestId('who').textContent).toBe('authenticated:Alice:3'));

    // Offline: the read fails, which proves nothing; nobody is signed out (decision 043).
    answer = null;
    stubFetch({});
    otherTabSays();
    window.dispatchEvent(new Event('online'));
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByTestId('who').textContent).toBe('authenticated:Alice:3');
  });

  it('update() has the server issue the token again (with its CSRF token) and tells the other tabs', async () => {
    const calls = stubFetch({
      'GET /api/auth/csrf': () => ({ csrfToken: 'tok' }),
      'POST /api/auth/session': () => ({ ...alice, termsVersion: 2 }),
    });
    const other = openTabChannel<{ type: string }>('pos-session');
    const heard: string[] = [];
    other.subscribe((m) => heard.push(m.type));
    render(
      <SessionStateProvider session={alice}>
        <Shows />
      </SessionStateProvider>,
    );
    let result: AppSession | null = null;
    await act(async () => {
      result = await seen.current!.update();
    });
    expect(result).toMatchObject({ termsVersion: 2 });
    expect(screen.getByTestId('who').textContent).toBe('authenticated:Alice:2');
    expect(calls).toEqual(['GET /api/auth/csrf', 'POST /api/auth/session']);
    const post = vi.mocked(fetch).mock.calls[1][1]!;
    expect(JSON.parse(String(post.body))).toEqual({ csrfToken: 'tok' });
    await vi.waitFor(() => expect(heard).toEqual(['session-changed']));
    other.close();
  });

  it('update() offline resolves to null and changes nothing', async () => {
    stubFetch({});
    render(
      <SessionStateProvider session={alice}>
        <Shows />
      </SessionStateProvider>,
    );
    let result: AppSession | null | undefined;
    await act(async () => {
      result = await seen.current!.update();
    });
    expect(result).toBeNull();
    expect(screen.getByTestId('who').textContent).toBe('authenticated:Alice:0');
  });
});
