'use client';

import type { FocusDay } from '@/lib/shared/progress';
import { useFormats } from '@/lib/sync/use-formats';
import { DayBars } from '../shell/DayBars';

/**
 * Focus minutes per day as bars, drawn like the page's other charts (plain markup, no chart
 * library), with the same figures in a table for screen readers, a row per day of the window.
 */
export function FocusChart({ days, totalMinutes }: { days: FocusDay[]; totalMinutes: number }) {
  const format = useFormats();
  return (
    <figure className="card space-y-3" aria-labelledby="focus-chart-title">
      <figcaption id="focus-chart-title" className="font-semibold">
        Focus minutes per day
      </figcaption>
      <p className="text-sm text-stone-600">
        The last {days.length} days, {format.count(totalMinutes)} minutes in all.
      </p>
      <DayBars
        bars={days.map((d) => ({ key: d.day, label: format.calendarDay(d.day, 'short'), value: d.minutes }))}
        max={1}
        unit="min"
        caption="Focus minutes per day"
        testId="focus-chart"
        tall
        table={false}
      />
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
