'use client';

import { HeartPulse } from 'lucide-react';
import Link from 'next/link';
import type { DueCheckin } from '@/lib/shared/checkins';
import { useFormats } from '@/lib/sync/use-formats';

/** The check-ins due now, from the same answer as the plan; taking one happens on the Mood page. */
export function DueCheckins({ checkins }: { checkins: DueCheckin[] }) {
  const format = useFormats();
  if (checkins.length === 0) return null;
  return (
    <section className="card flex items-start gap-4 border-rose-200 bg-rose-50/40" aria-labelledby="due-checkins-title" data-testid="due-checkins">
      <HeartPulse className="mt-0.5 h-5 w-5 shrink-0 text-rose-600" aria-hidden />
      <div className="min-w-0 flex-1">
        <h2 id="due-checkins-title" className="font-medium">
          {checkins.length === 1 ? 'A check-in is due' : `${checkins.length} check-ins are due`}
        </h2>
        <ul className="mt-1 space-y-0.5 text-sm text-stone-700">
          {checkins.map((c) => (
            <li key={c.scheduleId}>
              {c.title}{' '}
              <span className="text-stone-600">
                · due <time dateTime={new Date(c.dueAt).toISOString()}>{format.dateTime(c.dueAt)}</time>
              </span>
            </li>
          ))}
        </ul>
        <Link href="/mood" className="btn-secondary mt-3">
          Take the check-in
        </Link>
      </div>
    </section>
  );
}
