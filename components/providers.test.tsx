import { QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type SessionState = { data: { user: { id: string } } | null; status: 'authenticated' | 'unauthenticated' };
let session: SessionState = { data: null, status: 'unauthenticated' };
vi.mock('./auth/SessionState', () => ({ useAppSession: () => session }));

const { ClearCacheOnUserChange } = await import('./providers');

const signedIn = (id: string): SessionState => ({ data: { user: { id } }, status: 'authenticated' });

describe('ClearCacheOnUserChange', () => {
  let client: QueryClient;
  beforeEach(() => {
    client = new QueryClient();
  });

  function show(next: SessionState, view: ReturnType<typeof render> | null) {
    session = next;
    if (view) {
      view.rerender(<ClearCacheOnUserChange client={client} />);
      return view;
    }
    return render(<ClearCacheOnUserChange client={client} />);
  }

  it('drops every cached query when another user signs in, and when the user signs out', () => {
    let view = show(signedIn('alice'), null);
    client.setQueryData(['profile', 'alice'], { name: 'Alice' });
    view = show(signedIn('alice'), view);
    expect(client.getQueryData(['profile', 'alice'])).toEqual({ name: 'Alice' });

    view = show(signedIn('bob'), view);
    expect(client.getQueryCache().getAll()).toHaveLength(0);

    client.setQueryData(['profile', 'bob'], { name: 'Bob' });
    show({ data: null, status: 'unauthenticated' }, view);
    expect(client.getQueryCache().getAll()).toHaveLength(0);
  });

  it('keeps the cache when the session is read again for the same user (a refreshed token)', () => {
    let view = show(signedIn('alice'), null);
    client.setQueryData(['tasks', 'alice'], [1, 2]);
    view = show(signedIn('alice'), view);
    show(signedIn('alice'), view);
    expect(client.getQueryData(['tasks', 'alice'])).toEqual([1, 2]);
  });

  it('keeps what was cached before the first render (read back from this user’s saved cache)', () => {
    client.setQueryData(['focus', 'alice'], { session: null });
    show(signedIn('alice'), null);
    expect(client.getQueryData(['focus', 'alice'])).toEqual({ session: null });
  });
});
