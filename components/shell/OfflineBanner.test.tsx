import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { act, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OfflineBanner } from './OfflineBanner';

afterEach(() => {
  vi.useRealTimers();
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => true });
});

function Page({ queryKey }: { queryKey: string }) {
  useQuery({ queryKey: [queryKey], queryFn: () => new Promise(() => {}), networkMode: 'always' });
  return null;
}

describe('OfflineBanner', () => {
  it('shows nothing online; offline, how old the oldest answer on the page is', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.UTC(2026, 11, 6, 12, 0));
    const client = new QueryClient();
    client.setQueryData(['habits'], { habits: [] }, { updatedAt: Date.UTC(2026, 11, 6, 11, 48) });
    client.setQueryData(['profile'], { name: 'A' }, { updatedAt: Date.UTC(2026, 11, 6, 11, 58) });
    // Cached but not on this page: does not count.
    client.setQueryData(['books'], [], { updatedAt: Date.UTC(2026, 11, 1) });
    const view = render(
      <QueryClientProvider client={client}>
        <Page queryKey="habits" />
        <Page queryKey="profile" />
        <OfflineBanner />
      </QueryClientProvider>,
    );
    expect(screen.queryByTestId('offline-banner')).toBeNull();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    await act(async () => window.dispatchEvent(new Event('offline')));
    expect(screen.getByTestId('offline-banner').textContent).toBe('Offline — showing what this device last saw, 12 minutes ago');
    view.unmount();
  });
});
