'use client';

import type { UseQueryResult } from '@tanstack/react-query';
import { BellRing } from 'lucide-react';
import { useMemo, useState, type ReactNode } from 'react';
import type { AssessmentKind } from '@/lib/shared/assessments';
import { dueCheckins, type DueCheckin } from '@/lib/shared/checkins';
import { startOfDay } from '@/lib/shared/days';
import { addLocalDays } from '@/lib/shared/local-time';
import { useHydrated } from '../shell/useHydrated';
import { useToday } from '../shell/useToday';
import { ActivitiesPanel } from './ActivitiesPanel';
import { CardStatus } from '../shell/CardStatus';
import { CheckinPanel } from './CheckinPanel';
import { useFormats } from '@/lib/sync/use-formats';
import { MoodEntryForm } from './MoodEntryForm';
import { MoodHistory } from './MoodHistory';
import { MoodInsights } from './MoodInsights';
import { SchedulesPanel } from './SchedulesPanel';
import { useActivities, useAssessments, useMoodEntries, useSchedules } from './useMood';
import { useNow } from './useNow';

const HISTORY_DAYS = 30;

function Card({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className="card" aria-labelledby={id}>
      <h2 id={id} className="mb-4 font-semibold">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** A card whose content waits for its query: a skeleton while it loads, a retry if it fails. */
function QueryCard<T>({
  title,
  id,
  query,
  what,
  children,
}: {
  title: string;
  id: string;
  query: UseQueryResult<T>;
  what: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <Card title={title} id={id}>
      <CardStatus query={query} what={what}>
        {children}
      </CardStatus>
    </Card>
  );
}

function DueCard({ due, onTake }: { due: DueCheckin[]; onTake: (kind: AssessmentKind) => void }) {
  const format = useFormats();
  if (due.length === 0) return null;
  return (
    <section className="card border-brand-100 bg-brand-50" aria-labelledby="due-checkins" data-testid="due-checkins">
      <h2 id="due-checkins" className="mb-3 flex items-center gap-2 font-semibold">
        <BellRing className="h-4 w-4 text-brand-700" aria-hidden /> Check-in due
      </h2>
      <ul className="space-y-2">
        {due.map((d) => (
          <li key={d.scheduleId} className="flex flex-wrap items-center justify-between gap-2 text-sm">
            <span>
              <span className="font-medium">{d.title}</span> <span className="text-stone-600">· due {format.dateTime(d.dueAt)}</span>
            </span>
            <button type="button" className="btn-primary py-1.5" onClick={() => onTake(d.kind)}>
              Take the {d.title.toLowerCase()}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Mood() {
  const { timeZone } = useFormats();
  // The last 30 days of the profile's calendar, as the server and the other pages count them.
  const today = useToday(timeZone);
  const [from, to] = useMemo(() => {
    const start = startOfDay(today, timeZone);
    return [addLocalDays(start, 1 - HISTORY_DAYS, timeZone), addLocalDays(start, 1, timeZone)] as const;
  }, [today, timeZone]);
  const now = useNow();
  const [checkinKind, setCheckinKind] = useState<AssessmentKind>('mood-check');
  const entries = useMoodEntries(from, to);
  const activities = useActivities();
  const assessments = useAssessments();
  const schedules = useSchedules();
  // The schedules are as of their last change, so one created "now" is due at once, not at the next tick.
  const clock = Math.max(now, schedules.query.dataUpdatedAt);
  const due = schedules.query.data ? dueCheckins(schedules.query.data, clock) : [];
  const activityList = activities.query.data ?? [];

  function takeNow(kind: AssessmentKind) {
    setCheckinKind(kind);
    // After the form for that kind renders, bring it into view with focus on its first answer.
    requestAnimationFrame(() => {
      const form = document.getElementById(`checkin-form-${kind}`);
      form?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      form?.querySelector<HTMLInputElement>('input')?.focus({ preventScroll: true });
    });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-[3fr_2fr]">
      <div className="min-w-0 space-y-6">
        <DueCard due={due} onTake={takeNow} />
        <Card title="How are you feeling?" id="mood-log">
          <MoodEntryForm activities={activityList} onSave={entries.create} />
        </Card>
        <QueryCard title="Your mood over time" id="mood-insights" query={entries.query} what="your mood over time">
          {(list) => <MoodInsights entries={list} activities={activityList} from={from} days={HISTORY_DAYS} />}
        </QueryCard>
        <QueryCard title="Last 30 days" id="mood-history" query={entries.query} what="your mood history">
          {(list) => <MoodHistory entries={list} activities={activityList} onUpdate={entries.update} onDelete={entries.remove} />}
        </QueryCard>
      </div>
      <div className="min-w-0 space-y-6">
        <QueryCard title="Check-ins" id="mood-checkins" query={assessments.query} what="your check-ins">
          {(list) => (
            <CheckinPanel kind={checkinKind} onKindChange={setCheckinKind} assessments={list} onTake={assessments.take} onDelete={assessments.remove} />
          )}
        </QueryCard>
        <QueryCard title="Schedules" id="mood-schedules" query={schedules.query} what="your schedules">
          {(list) => <SchedulesPanel schedules={list} now={clock} onCreate={schedules.create} onUpdate={schedules.update} onDelete={schedules.remove} />}
        </QueryCard>
        <QueryCard title="Activities" id="mood-activities" query={activities.query} what="your activities">
          {(list) => <ActivitiesPanel activities={list} onCreate={activities.create} onUpdate={activities.update} onDelete={activities.remove} />}
        </QueryCard>
      </div>
    </div>
  );
}

/** The mood page: log moods, tag them with activities, take check-ins and schedule them (mood contract). */
export function MoodBoard() {
  return useHydrated() ? <Mood /> : <div className="card h-96 animate-pulse bg-stone-100" aria-busy="true" aria-label="Loading your mood page" />;
}
