import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** One figure of the Progress page, with what it counts (PROGRESS_DEFINITIONS) a click away. */
export function StatCard({
  icon: Icon,
  label,
  value,
  detail,
  explain,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  explain: string;
  testId: string;
}) {
  return (
    <section className="card" aria-label={label} data-testid={testId}>
      <p className="flex items-center gap-2 text-sm text-stone-600">
        <Icon className="h-4 w-4 text-brand-600" aria-hidden />
        {label}
      </p>
      <p className="mt-2 text-2xl font-semibold tracking-tight" data-testid={`${testId}-value`}>
        {value}
      </p>
      {detail ? (
        <p className="mt-1 text-xs text-stone-600" data-testid={`${testId}-detail`}>
          {detail}
        </p>
      ) : null}
      <details className="mt-2 text-xs text-stone-600">
        <summary className="cursor-pointer rounded py-1 text-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-500">
          How it’s counted
        </summary>
        <p className="mt-1" data-testid={`${testId}-explain`}>
          {explain}
        </p>
      </details>
    </section>
  );
}
