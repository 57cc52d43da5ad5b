import type { ReactNode } from 'react';

/** What a page says while it has nothing to show yet, and how to start. */
export function EmptyState({ testId, title, children }: { testId: string; title: string; children: ReactNode }) {
  return (
    <div className="card text-center" data-testid={testId}>
      <p className="font-medium">{title}</p>
      <p className="mt-1 text-sm text-stone-600">{children}</p>
    </div>
  );
}
