import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { SyncProvider } from './provider';
import { testSyncEnv } from './test-env';
import { useMorePages, type ListPage } from './use-more-pages';

type Item = { id: string };
const pageOf = (body: unknown) => body as ListPage<Item>;
const items = (...ids: string[]) => ids.map((id) => ({ id }));

function setup(pages: Record<string, ListPage<Item>>) {
  const asked: string[] = [];
  const env = testSyncEnv({
    fetch: async (input) => {
      const url = String(input);
      asked.push(url);
      return new Response(JSON.stringify(pages[url]), { headers: { 'content-type': 'application/json', etag: `"${url}"` } });
    },
  });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <SyncProvider userId="u1" env={env}>
      {children}
    </SyncProvider>
  );
  return { asked, wrapper };
}

describe('useMorePages', () => {
  it('loads the pages after the first one in turn, showing each item once, and says when none is left', async () => {
    const { asked, wrapper } = setup({
      '/api/quests?cursor=c1': { items: items('c', 'd'), nextCursor: 'c2' },
      '/api/quests?cursor=c2': { items: items('d', 'e') },
    });
    const first = { items: items('a', 'b'), nextCursor: 'c1' };
    const hook = renderHook(() => useMorePages('/api/quests', first, pageOf), { wrapper });
    expect(hook.result.current.hasMore).toBe(true);
    await act(() => hook.result.current.loadMore());
    await act(() => hook.result.current.loadMore());
    await waitFor(() => expect(hook.result.current.hasMore).toBe(false));
    expect(hook.result.current.items.map((i) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(asked).toEqual(['/api/quests?cursor=c1', '/api/quests?cursor=c2']);
  });

  it('drops the later pages when the first one changes, so nothing stale sits below fresh data', async () => {
    const { wrapper } = setup({ '/api/quests?cursor=c1': { items: items('c') } });
    let first: ListPage<Item> = { items: items('a', 'b'), nextCursor: 'c1' };
    const hook = renderHook(() => useMorePages('/api/quests', first, pageOf), { wrapper });
    await act(() => hook.result.current.loadMore());
    expect(hook.result.current.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    first = { items: items('new', 'a'), nextCursor: 'c1' };
    hook.rerender();
    expect(hook.result.current.items.map((i) => i.id)).toEqual(['new', 'a']);
    expect(hook.result.current.hasMore).toBe(true);
  });
});
