'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FocusDay } from '@/lib/shared/schemas/progress';

const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
/** A local day as a date without a time zone of its own. */
const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

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
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="#e7e5e4" />
            <XAxis
              dataKey="day"
              tickFormatter={(d: string) => short.format(asDate(d))}
              tick={{ fontSize: 12, fill: '#78716c' }}
              interval="preserveStartEnd"
              minTickGap={24}
              tickLine={false}
            />
            <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#78716c' }} tickLine={false} axisLine={false} />
            <Tooltip cursor={{ fill: '#fff4ed' }} labelFormatter={(d) => long.format(asDate(String(d)))} formatter={(value) => [`${value} min`, 'Focus']} />
            <Bar dataKey="minutes" fill="#e04a12" radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
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
