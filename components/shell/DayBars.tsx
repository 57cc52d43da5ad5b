'use client';

import { useFormats } from '@/lib/sync/use-formats';

export interface DayBar {
  /** The day as a key (YYYY-MM-DD, or a local midnight). */
  key: string | number;
  /** The day as people read it ("Tue 2 Dec"). */
  label: string;
  /** The bar's value; null: nothing that day (a hairline). */
  value: number | null;
}

/**
 * One bar a day, as tall as its value is of `max`, in plain markup (no chart library), with the same
 * figures in a table for screen readers; the bars themselves are hidden from them.
 */
export function DayBars({ bars, max, unit, caption, testId }: { bars: readonly DayBar[]; max: number; unit: string; caption: string; testId?: string }) {
  const top = Math.max(max, ...bars.map((b) => b.value ?? 0), 1);
  const formats = useFormats();
  const format = (v: number) => (Number.isInteger(v) ? formats.count(v) : formats.decimal(v));
  return (
    <>
      <div className="flex h-28 items-end gap-px" aria-hidden data-testid={testId}>
        {bars.map((b) => (
          <span
            key={b.key}
            title={b.value === null ? `${b.label}: none` : `${b.label}: ${format(b.value)} ${unit}`}
            className={`min-w-px flex-1 rounded-t ${b.value === null || b.value === 0 ? 'h-px bg-stone-200' : 'bg-brand-500'}`}
            style={b.value === null || b.value === 0 ? undefined : { height: `${(b.value / top) * 100}%` }}
          />
        ))}
      </div>
      {/* A table ignores sr-only's 1 px height and grows with its rows; a block wrapper clips it to nothing. */}
      <div className="sr-only">
        <table>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {bars
              .filter((b) => b.value !== null)
              .map((b) => (
                <tr key={b.key}>
                  <th scope="row">{b.label}</th>
                  <td>{format(b.value!)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
