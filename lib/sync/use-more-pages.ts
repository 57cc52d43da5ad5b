'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSyncEnv } from './provider';

/** A page of a list: its items and, when it was cut, the cursor of the next page. */
export interface ListPage<I> {
  items: I[];
  nextCursor?: string;
}

interface Loaded<I> {
  /** The first page the later ones follow; when the first page changes, they no longer do. */
  after: ListPage<I> | undefined;
  items: I[];
  next?: string;
}

/**
 * The pages of a list after its first one (which its synced query keeps fresh), loaded as the user
 * scrolls to the end: `sentinel` goes on an element after the last item. When the first page changes
 * (a write, a nudge), the later pages are dropped and load again on the next scroll, so nothing stale
 * sits below fresh data. Items are told apart by id: one moving across a page edge shows once.
 * `pageOf` must be stable (a module-level function).
 */
export function useMorePages<I extends { id: string }>(url: string, first: ListPage<I> | undefined, pageOf: (body: unknown) => ListPage<I>) {
  const { fetcher } = useSyncEnv();
  const [loaded, setLoaded] = useState<Loaded<I>>({ after: undefined, items: [] });
  const [loading, setLoading] = useState(false);
  const current = useMemo<Loaded<I>>(() => (loaded.after === first ? loaded : { after: first, items: [], next: first?.nextCursor }), [loaded, first]);

  const loadMore = useCallback(async () => {
    if (!current.next || loading) return;
    setLoading(true);
    try {
      const separator = url.includes('?') ? '&' : '?';
      const page = pageOf(await fetcher.get(`${url}${separator}cursor=${encodeURIComponent(current.next)}`));
      setLoaded({ after: current.after, items: [...current.items, ...page.items], next: page.nextCursor });
    } finally {
      setLoading(false);
    }
  }, [current, fetcher, loading, pageOf, url]);

  const observer = useRef<IntersectionObserver | null>(null);
  const sentinel = useCallback(
    (node: Element | null) => {
      observer.current?.disconnect();
      if (!node || typeof IntersectionObserver === 'undefined') return;
      observer.current = new IntersectionObserver((entries) => {
        if (entries.some((e) => e.isIntersecting)) void loadMore();
      });
      observer.current.observe(node);
    },
    [loadMore],
  );
  useEffect(() => () => observer.current?.disconnect(), []);

  const items = useMemo(() => {
    const seen = new Set<string>();
    return [...(first?.items ?? []), ...current.items].filter((i) => !seen.has(i.id) && Boolean(seen.add(i.id)));
  }, [first, current]);
  return { items, hasMore: Boolean(current.next), loading, loadMore, sentinel };
}
