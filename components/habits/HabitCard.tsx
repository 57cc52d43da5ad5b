'use client';

import { Archive, ArchiveRestore, Check, Flame } from 'lucide-react';
import type { Habit } from '@/lib/shared/schemas/habits';
import { BRAND_COLOR } from '../forms/colors';
import { HabitHistory } from './HabitHistory';
import { CardFooter } from '../shell/CardActions';

interface HabitCardProps {
  habit: Habit;
  today: string;
  historyFrom: string;
  onToggleToday: (logged: boolean) => void;
  /** Logs or undoes a day of the history (today included). */
  onToggleDay: (day: string, logged: boolean) => void;
  onEdit: () => void;
  onArchive: (archived: boolean) => void;
  onDelete: () => void;
  /** A change to this habit is kept on this device, not yet sent (the outbox). */
  waiting?: boolean;
}

function goalText(habit: Habit): string {
  return habit.cadence === 'daily' ? 'Every day' : `${habit.timesPerWeek} time${habit.timesPerWeek === 1 ? '' : 's'} a week`;
}

function streakText(habit: Habit): string {
  if (habit.streak === 0) return 'No streak yet';
  return `${habit.streak}-${habit.cadence === 'daily' ? 'day' : 'week'} streak`;
}

/** One habit: today's log as a toggle, the streak, and twelve weeks of history whose days log or undo a past day. */
export function HabitCard({ habit, today, historyFrom, onToggleToday, onToggleDay, onEdit, onArchive, onDelete, waiting = false }: HabitCardProps) {
  const color = habit.color ?? BRAND_COLOR;
  const archived = habit.archivedAt !== null;

  return (
    <article aria-label={habit.name} className={`card ${archived ? 'bg-stone-50' : ''}`} data-testid="habit-card">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h2 className="flex items-center gap-2 font-semibold">
            <span className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: color }} aria-hidden />
            <span className="truncate">{habit.name}</span>
          </h2>
          <p className="mt-1 text-sm text-stone-600">
            {goalText(habit)}
            {habit.cadence === 'weekly' ? (
              <>
                {' '}
                ·{' '}
                <span data-testid="habit-week-count">
                  {habit.thisWeekCount} of {habit.timesPerWeek}
                </span>{' '}
                this week
              </>
            ) : null}
          </p>
          <p className="mt-1 flex items-center gap-1 text-sm font-medium text-brand-700" data-testid="habit-streak">
            <Flame className="h-4 w-4" aria-hidden /> {streakText(habit)}
          </p>
        </div>
        {archived ? (
          <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs text-stone-700">Archived</span>
        ) : (
          <button
            type="button"
            aria-pressed={habit.loggedToday}
            onClick={() => onToggleToday(!habit.loggedToday)}
            // One name whatever the state (a toggle says it with aria-pressed), starting with the words on the button.
            aria-label={`Done today: ${habit.name}`}
            className={habit.loggedToday ? 'btn-success' : 'btn-secondary'}
          >
            <Check className="h-4 w-4" aria-hidden /> Done today
          </button>
        )}
        {waiting ? (
          <span className="basis-full text-right text-xs text-amber-800" data-testid="habit-waiting">
            Waiting to send
          </span>
        ) : null}
      </div>

      <div className="mt-4 overflow-x-auto">
        <HabitHistory
          history={habit.history}
          historyFrom={historyFrom}
          today={today}
          color={color}
          name={habit.name}
          onToggleDay={archived ? undefined : onToggleDay}
        />
      </div>

      <CardFooter
        name={habit.name}
        question="Delete this habit and all its logs?"
        label="Delete habit"
        onEdit={onEdit}
        onDelete={onDelete}
        afterEdit={
          <button type="button" className="btn-ghost" onClick={() => onArchive(!archived)} aria-label={`${archived ? 'Unarchive' : 'Archive'} ${habit.name}`}>
            {archived ? <ArchiveRestore className="h-4 w-4" aria-hidden /> : <Archive className="h-4 w-4" aria-hidden />} {archived ? 'Unarchive' : 'Archive'}
          </button>
        }
      />
    </article>
  );
}
