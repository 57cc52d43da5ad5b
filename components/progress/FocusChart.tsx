'use client';

import dynamic from 'next/dynamic';
import type { FocusDay } from '@/lib/shared/progress';

// recharts is a third of the page's script (about 100 KB compressed): it loads after the figures,
// which are all on the page without it, and the table below holds the same numbers.
const FocusBars = dynamic(() => import('./FocusBars'), { ssr: false, loading: () => <div className="h-full animate-pulse rounded-lg bg-stone-100" /> });

/** Focus minutes per day as bars, with the same figures in a table for screen readers. */
export function FocusChart({ days, totalMinutes }: { days: FocusDay[]; totalMinutes: number }) {
  return (
    <figure className="card" aria-labelledby="focus-chart-title">
      <figcaption id="focus-chart-title" className="font-semibold">
        Focus minutes per day
      </figcaption>
      <p className="text-sm text-stone-600">
        The last {days.length} days, {totalMinutes} minutes in all.
      </p>
      {/* Hidden from assistive technology, so it must hold nothing focusable: recharts' keyboard layer is off. */}
      <div className="mt-4 h-64" data-testid="focus-chart" aria-hidden>
        <FocusBars days={days} />
      </div>
      {/* A table ignores sr-only's 1 px height and grows with its rows; a block wrapper clips it to nothing. */}
      <div className="sr-only">
        <table data-testid="focus-table">
          <caption>Focus minutes per day</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Minutes</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">{d.day}</th>
                <td>{d.minutes}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
