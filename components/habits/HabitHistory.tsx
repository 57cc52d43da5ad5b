'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import { addDays } from '@/lib/shared/days';
import { HISTORY_WEEKS } from '@/lib/shared/habit-streaks';
import { useFormats } from '@/lib/sync/use-formats';

/** Arrow keys move a day (up/down, the grid's columns are weeks) or a week (left/right). */
const MOVES: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, ArrowLeft: -7, ArrowRight: 7 };

/**
 * The last 12 weeks, a column a week (Monday on top), logged days filled in. With `onToggleDay`
 * each day up to today is a toggle that logs or undoes it — one tab stop (today), the arrow keys
 * move a day or a week, Enter or Space toggles.
 */
export function HabitHistory({
  history,
  historyFrom,
  today,
  color,
  name,
  onToggleDay,
}: {
  history: string[];
  historyFrom: string;
  today: string;
  color: string;
  name: string;
  onToggleDay?: (day: string, logged: boolean) => void;
}) {
  const format = useFormats();
  const logged = new Set(history);
  const days = Array.from({ length: HISTORY_WEEKS * 7 }, (_, i) => addDays(historyFrom, i));
  const [focused, setFocused] = useState(today);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const summary = `${name}: logged on ${history.length} of the last ${HISTORY_WEEKS} weeks' days`;

  function onKeyDown(e: KeyboardEvent, index: number) {
    const move = MOVES[e.key];
    if (move === undefined) return;
    e.preventDefault();
    const to = days[index + move];
    if (!to || to > today) return;
    setFocused(to);
    cells.current.get(to)?.focus();
  }

  const cell = (day: string, index: number) => {
    const isLogged = logged.has(day);
    const square = `rounded-[3px] ${day > today ? 'bg-transparent' : isLogged ? '' : 'bg-stone-100'} ${day === today ? 'ring-1 ring-stone-400' : ''}`;
    const style = isLogged ? { backgroundColor: color } : undefined;
    const title = `${format.calendarDay(day, 'short')}${isLogged ? ' · logged' : ''}`;
    if (!onToggleDay) return <span key={day} title={title} className={`block h-3 w-3 ${square}`} style={style} data-logged={isLogged || undefined} />;
    if (day > today) return <span key={day} className="block h-6 w-6" aria-hidden />;
    // A 24 px target (WCAG 2.5.8) around the day's square.
    return (
      <button
        key={day}
        ref={(node) => {
          if (node) cells.current.set(day, node);
          else cells.current.delete(day);
        }}
        type="button"
        title={title}
        aria-label={`${format.calendarDay(day, 'short')}${day === today ? ' (today)' : ''}`}
        aria-pressed={isLogged}
        tabIndex={day === focused ? 0 : -1}
        onClick={() => onToggleDay(day, !isLogged)}
        onKeyDown={(e) => onKeyDown(e, index)}
        onFocus={() => setFocused(day)}
        className="group flex h-6 w-6 cursor-pointer items-center justify-center rounded focus-visible:outline-2 focus-visible:outline-brand-600"
        data-logged={isLogged || undefined}
        data-day={day}
      >
        <span className={`block h-[18px] w-[18px] group-hover:ring-1 group-hover:ring-stone-500 ${square}`} style={style} />
      </button>
    );
  };

  const gap = onToggleDay ? 'gap-0.5' : 'gap-[3px]';
  const weeks = Array.from({ length: HISTORY_WEEKS }, (_, w) => (
    <div key={days[w * 7]} className={`flex flex-col ${gap}`}>
      {days.slice(w * 7, w * 7 + 7).map((day, d) => cell(day, w * 7 + d))}
    </div>
  ));
  if (!onToggleDay) {
    return (
      <div role="img" aria-label={summary} className={`flex ${gap}`} data-testid="habit-history">
        {weeks}
      </div>
    );
  }
  return (
    <div role="group" aria-label={`${summary}. Press a day to log or undo it.`} className={`flex ${gap}`} data-testid="habit-history">
      {weeks}
    </div>
  );
}
