'use client';

import { CalendarDays, ChevronLeft, ChevronRight, List, Plus } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import { instantAt, startOfDay } from '@/lib/shared/days';
import { addLocalDays, localDayKey, startOfLocalWeek } from '@/lib/shared/local-time';
import type { PlannerEvent, PlannerEventCreate } from '@/lib/shared/schemas/planner';
import { AgendaList } from './AgendaList';
import { EventDialog } from './EventDialog';
import type { EventDraft } from './EventForm';
import { useFormats } from '@/lib/sync/use-formats';
import { useHydrated } from '../shell/useHydrated';
import { useToday } from '../shell/useToday';
import { usePlannerEvents } from './usePlannerEvents';
import { weekDays } from './week-layout';
import { WeekView } from './WeekView';
import { LoadFailed } from '../shell/LoadFailed';
import { SegmentedChoice } from '../shell/SegmentedChoice';

type View = 'week' | 'agenda';
const VIEWS: { value: View; label: ReactNode }[] = [
  {
    value: 'week',
    label: (
      <>
        <CalendarDays className="h-4 w-4" aria-hidden />
        Week
      </>
    ),
  },
  {
    value: 'agenda',
    label: (
      <>
        <List className="h-4 w-4" aria-hidden />
        Agenda
      </>
    ),
  },
];
const HOUR = 3600_000;

function PlannerSkeleton() {
  return <div className="card h-[28rem] animate-pulse bg-stone-100" aria-busy="true" aria-label="Loading the planner" />;
}

/** A new event's first guess: the next whole hour today when this week is shown, else Monday 09:00. */
function newDraft(weekStart: number, weekEnd: number, timeZone: string): EventDraft {
  const now = Date.now();
  const start = now >= weekStart && now < weekEnd ? Math.ceil(now / HOUR) * HOUR : instantAt(localDayKey(weekStart, timeZone), '09:00', timeZone);
  return { title: '', startsAt: start, endsAt: start + HOUR, allDay: false, notes: null, color: null };
}

function Planner() {
  const format = useFormats();
  const { timeZone } = format;
  // Weeks from this one, so the week follows the profile's zone once it loads (or changes).
  const [weeksAway, setWeeksAway] = useState(0);
  // The profile's day, as Today and the server count it (decision 054); it moves on at midnight.
  const today = useToday(timeZone);
  const weekStart = useMemo(() => addLocalDays(startOfLocalWeek(startOfDay(today, timeZone), timeZone), 7 * weeksAway, timeZone), [today, timeZone, weeksAway]);
  // Seven columns do not fit a phone: narrow screens start with the agenda.
  const [view, setView] = useState<View>(() => (window.matchMedia('(max-width: 639px)').matches ? 'agenda' : 'week'));
  const [draft, setDraft] = useState<EventDraft | null>(null);
  const days = useMemo(() => weekDays(weekStart, timeZone), [weekStart, timeZone]);
  const [from, to] = [days[0], days[7]];
  const { query, createEvent, updateEvent, deleteEvent } = usePlannerEvents(from, to);

  const openEvent = (event: PlannerEvent) => setDraft(event);
  function save(input: PlannerEventCreate) {
    if (draft?.id) updateEvent(draft.id, input);
    else createEvent(input);
    setDraft(null);
  }
  function remove(id: string) {
    deleteEvent(id);
    setDraft(null);
  }

  let body;
  if (query.isPending) body = <PlannerSkeleton />;
  else if (query.isError && !query.data) {
    body = <LoadFailed what="your events" onRetry={query.refetch} />;
  } else if (view === 'week') {
    body = (
      <>
        <WeekView
          days={days}
          events={query.data}
          today={today}
          onOpen={openEvent}
          onCreateAt={(startsAt) => setDraft({ title: '', startsAt, endsAt: startsAt + HOUR, allDay: false, notes: null, color: null })}
          onMove={(event, span) => updateEvent(event.id, span)}
        />
        {query.data.length === 0 ? (
          <p className="mt-3 text-sm text-stone-600" data-testid="planner-empty">
            Nothing planned this week. Add an event, or click a time in the grid.
          </p>
        ) : null}
      </>
    );
  } else {
    body = <AgendaList days={days} events={query.data} today={today} onOpen={openEvent} />;
  }

  return (
    <>
      <div className="mb-4 flex flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <button type="button" className="btn-secondary px-2.5" onClick={() => setWeeksAway(weeksAway - 1)} aria-label="Previous week">
            <ChevronLeft className="h-4 w-4" />
          </button>
          <button type="button" className="btn-secondary" onClick={() => setWeeksAway(0)}>
            Today
          </button>
          <button type="button" className="btn-secondary px-2.5" onClick={() => setWeeksAway(weeksAway + 1)} aria-label="Next week">
            <ChevronRight className="h-4 w-4" />
          </button>
        </div>
        <h2 className="text-base font-semibold" data-testid="planner-range" aria-live="polite">
          {format.dayRange(from, days[6])}
        </h2>
        <div className="ml-auto flex items-center gap-2">
          <SegmentedChoice options={VIEWS} value={view} onChange={setView} label="View" />
          <button type="button" className="btn-primary" onClick={() => setDraft(newDraft(from, to, timeZone))}>
            <Plus className="h-4 w-4" aria-hidden /> Add event
          </button>
        </div>
      </div>
      {body}
      <EventDialog draft={draft} onSave={save} onDelete={remove} onClose={() => setDraft(null)} />
    </>
  );
}

/** The planner page: a week of events under the planner sync contract, as a grid or an agenda. */
export function PlannerBoard() {
  return useHydrated() ? <Planner /> : <PlannerSkeleton />;
}
