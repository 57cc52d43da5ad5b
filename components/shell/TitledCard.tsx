import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * A card's heading: an optional icon before the title, and either a line under it saying what the
 * card is for or a short status across from it (`aside`).
 */
export function CardHeading({
  id,
  title,
  icon: Icon,
  description,
  aside,
  className = 'text-lg font-semibold',
}: {
  id?: string;
  title: ReactNode;
  icon?: LucideIcon;
  description?: ReactNode;
  aside?: ReactNode;
  className?: string;
}) {
  return (
    <div className={aside === undefined ? undefined : 'flex flex-wrap items-baseline justify-between gap-2'}>
      <h2 id={id} className={`flex items-center gap-2 ${className}`}>
        {Icon ? <Icon className="h-5 w-5" aria-hidden /> : null}
        {title}
      </h2>
      {aside}
      {description ? <p className="mt-1 text-sm text-stone-600">{description}</p> : null}
    </div>
  );
}

/** A card section named by its heading (`id` ties the two together for assistive technology). */
export function TitledCard({
  id,
  className = 'card space-y-3',
  children,
  ...heading
}: {
  id: string;
  title: ReactNode;
  icon?: LucideIcon;
  description?: ReactNode;
  aside?: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  const { headingClassName, ...rest } = heading;
  return (
    <section className={className} aria-labelledby={id}>
      <CardHeading id={id} {...rest} className={headingClassName} />
      {children}
    </section>
  );
}
