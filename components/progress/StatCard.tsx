import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

export function StatCard({
  icon: Icon,
  label,
  value,
  detail,
  testId,
}: {
  icon: LucideIcon;
  label: string;
  value: ReactNode;
  detail?: ReactNode;
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
      {detail ? <p className="mt-1 text-xs text-stone-500">{detail}</p> : null}
    </section>
  );
}
