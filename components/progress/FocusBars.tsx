'use client';

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FocusDay } from '@/lib/shared/progress';
import { useFormats } from '@/lib/sync/use-formats';

/** The bars of the focus chart: recharts, loaded on demand by FocusChart. */
export default function FocusBars({ days }: { days: FocusDay[] }) {
  const format = useFormats();
  return (
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={days} margin={{ top: 4, right: 4, bottom: 0, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid vertical={false} stroke="#e7e5e4" />
        <XAxis
          dataKey="day"
          tickFormatter={(d: string) => format.calendarDay(d, 'short')}
          tick={{ fontSize: 12, fill: '#78716c' }}
          interval="preserveStartEnd"
          minTickGap={24}
          tickLine={false}
        />
        <YAxis allowDecimals={false} tick={{ fontSize: 12, fill: '#78716c' }} tickLine={false} axisLine={false} />
        <Tooltip
          cursor={{ fill: '#fff4ed' }}
          labelFormatter={(d) => format.calendarDay(String(d), 'short')}
          formatter={(value) => [`${format.count(Number(value))} min`, 'Focus']}
        />
        <Bar dataKey="minutes" fill="#e04a12" radius={[3, 3, 0, 0]} isAnimationActive={false} />
      </BarChart>
    </ResponsiveContainer>
  );
}
