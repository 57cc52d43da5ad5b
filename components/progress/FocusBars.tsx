'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FocusDay } from '@/lib/shared/schemas/progress';

const short = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const long = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });
/** A local day as a date without a time zone of its own. */
const asDate = (day: string) => new Date(`${day}T12:00:00Z`);

/** The bars of the focus chart: recharts, loaded on demand by FocusChart. */
export default function FocusBars({ days }: { days: FocusDay[] }) {
  return (
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
  );
}
