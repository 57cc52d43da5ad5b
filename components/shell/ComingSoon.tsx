import { Hourglass } from 'lucide-react';
import { PageHeader } from './PageHeader';

/** An honest panel for a page that a later release builds (the foundation issue allows it). */
export function ComingSoon({ title, description }: { title: string; description: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="card flex items-start gap-4" data-testid="coming-soon">
        <Hourglass className="mt-0.5 h-5 w-5 shrink-0 text-brand-600" aria-hidden />
        <div>
          <p className="font-medium">Coming in a later release</p>
          <p className="mt-1 text-sm text-stone-600">{description}</p>
        </div>
      </div>
    </>
  );
}
