'use client';

import { CalendarPlus } from 'lucide-react';
import { localDayKey } from '@/lib/shared/local-time';
import type { PlannerEvent } from '@/lib/shared/schemas/planner';
import { eventColorStyle } from './colors';
import { formatTimeRange } from './format';
import { useFormats } from '@/lib/sync/use-formats';
import { isPending, rowKey } from '@/lib/sync/optimistic-list';
import { PLANNER_EVENTS_URL } from '@/lib/sync/resources/planner';
import { itemUrl } from '@/lib/sync/resources/resource';
import { WaitingToSend } from '../shell/WaitingToSend';

/** The week's events as a list by day: all-day events first, then by start. */
export function AgendaList({ days, events, today, onOpen }: { days: number[]; events: PlannerEvent[]; today: string; onOpen: (event: PlannerEvent) => void }) {
  const format = useFormats();
  const byDay = days.slice(0, 7).map((start, i) => {
    const end = days[i + 1];
    const onDay = events.filter((e) => e.startsAt < end && e.endsAt > start).sort((a, b) => Number(b.allDay) - Number(a.allDay) || a.startsAt - b.startsAt);
    return { start, key: localDayKey(start, format.timeZone), events: onDay };
  });
  const busyDays = byDay.filter((d) => d.events.length > 0);

  if (busyDays.length === 0) {
    return (
      <div className="card flex flex-col items-center gap-2 py-10 text-center" data-testid="planner-agenda">
        <CalendarPlus className="h-6 w-6 text-stone-400" aria-hidden />
        <p className="font-medium">Nothing planned this week</p>
        <p className="text-sm text-stone-600">Add an event, or switch to the week view and click a time.</p>
      </div>
    );
  }
  return (
    <div className="card space-y-5" data-testid="planner-agenda">
      {busyDays.map((d) => (
        <section key={d.key} aria-labelledby={`agenda-${d.key}`} data-testid={`planner-agenda-${d.key}`}>
          <h3 id={`agenda-${d.key}`} className={`mb-2 text-sm font-semibold ${d.key === today ? 'text-brand-700' : 'text-stone-700'}`}>
            {format.longDay(d.start)}
            {d.key === today ? ' · Today' : ''}
          </h3>
          {/* One time column for the day, as wide as its widest range: the titles line up. */}
          <ul className="grid grid-cols-[max-content_1fr] gap-y-1.5">
            {d.events.map((event) => (
              <li key={rowKey(event.id)} className="col-span-2 grid grid-cols-subgrid">
                <button
                  type="button"
                  data-testid="planner-agenda-event"
                  disabled={isPending(event.id)}
                  onClick={() => onOpen(event)}
                  className="col-span-2 grid grid-cols-subgrid items-start gap-x-3 rounded-lg border-l-4 px-3 py-2 text-left text-sm hover:brightness-95 focus-visible:outline-2 focus-visible:outline-brand-500"
                  style={eventColorStyle(event.color)}
                >
                  <span className="whitespace-nowrap text-stone-600">{formatTimeRange(event, format)}</span>
                  <span className="min-w-0">
                    <span className="block font-medium">{event.title}</span>
                    {event.notes ? <span className="block truncate text-xs text-stone-600">{event.notes}</span> : null}
                    <WaitingToSend url={itemUrl(PLANNER_EVENTS_URL, event.id)} id={event.id} />
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
