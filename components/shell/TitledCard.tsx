import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** A card's heading: an optional icon before the title, an optional line under it saying what the card is for. */
export function CardHeading({
  id,
  title,
  icon: Icon,
  description,
  className = 'text-lg font-semibold',
}: {
  id?: string;
  title: ReactNode;
  icon?: LucideIcon;
  description?: ReactNode;
  className?: string;
}) {
  return (
    <div>
      <h2 id={id} className={`flex items-center gap-2 ${className}`}>
        {Icon ? <Icon className="h-5 w-5" aria-hidden /> : null}
        {title}
      </h2>
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
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section className={className} aria-labelledby={id}>
      <CardHeading id={id} title={heading.title} icon={heading.icon} description={heading.description} className={heading.headingClassName} />
      {children}
    </section>
  );
}
