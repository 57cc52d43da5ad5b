'use client';

interface MorePagesProps {
  hasMore: boolean;
  loading: boolean;
  loadMore: () => void;
  /** Scrolled into view, it loads the next page (useMorePages). */
  sentinel: (node: Element | null) => void;
  what: string;
}

/** The end of a paged list: scrolling it into view loads the next page; the button does for keyboards. */
export function MorePages({ hasMore, loading, loadMore, sentinel, what }: MorePagesProps) {
  if (!hasMore) return null;
  return (
    <div ref={sentinel} className="flex justify-center py-2" data-testid="more-pages">
      <button type="button" className="btn-secondary" onClick={loadMore} disabled={loading}>
        {loading ? `Loading more ${what}…` : `Load more ${what}`}
      </button>
    </div>
  );
}
