import type { ReactNode } from 'react';

/** A titled group of cards (in progress, finished…), shown only when it has some. */
export function CardSection({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-stone-500">
        {title}
      </h2>
      <div className="grid gap-4 md:grid-cols-2">{children}</div>
    </section>
  );
}

/** A page's groups of cards in order, each drawn by `card` and shown only when it has some. */
export function CardSections<T>({ sections, card }: { sections: { id: string; title: string; items: T[] }[]; card: (item: T) => ReactNode }) {
  return sections.map(({ id, title, items }) => (
    <CardSection key={id} id={id} title={title} count={items.length}>
      {items.map(card)}
    </CardSection>
  ));
}
