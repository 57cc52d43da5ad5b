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
export function DayBars({
  bars,
  max,
  unit,
  caption,
  testId,
  tall = false,
  table = true,
}: {
  bars: readonly DayBar[];
  max: number;
  unit: string;
  caption: string;
  testId?: string;
  /** The page's main chart: twice the height of the others. */
  tall?: boolean;
  /** False when the caller gives screen readers its own table of the same figures. */
  table?: boolean;
}) {
  const top = Math.max(max, ...bars.map((b) => b.value ?? 0), 1);
  const formats = useFormats();
  const format = (v: number) => (Number.isInteger(v) ? formats.count(v) : formats.decimal(v));
  return (
    <>
      {/* The main chart gives its scale, the value at its top, once it has a bar. All give the window's first and last day. */}
      {tall && bars.some((b) => (b.value ?? 0) > 0) && (
        <p className="text-xs text-stone-500" aria-hidden>
          {format(top)} {unit}
        </p>
      )}
      <div
        className={`flex ${tall ? 'h-56' : 'h-28'} items-end gap-px ${tall ? 'border-t border-dashed border-stone-200' : ''}`}
        aria-hidden
        data-testid={testId}
      >
        {bars.map((b) => (
          <span
            key={b.key}
            title={b.value === null ? `${b.label}: none` : `${b.label}: ${format(b.value)} ${unit}`}
            data-value={b.value ?? ''}
            className={`min-w-px flex-1 rounded-t ${b.value === null || b.value === 0 ? 'h-px bg-stone-200' : 'bg-brand-500'}`}
            style={b.value === null || b.value === 0 ? undefined : { height: `${(b.value / top) * 100}%` }}
          />
        ))}
      </div>
      {bars.length > 1 && (
        <p className="flex justify-between text-xs text-stone-500" aria-hidden>
          <span>{bars[0].label}</span>
          <span>{bars[bars.length - 1].label}</span>
        </p>
      )}
      {/* A table ignores sr-only's 1 px height and grows with its rows; a block wrapper clips it to nothing. */}
      {table && (
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
      )}
    </>
  );
}
