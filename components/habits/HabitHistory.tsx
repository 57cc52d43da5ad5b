import { addDays } from '@/lib/shared/days';
import { HISTORY_WEEKS } from '@/lib/shared/habit-streaks';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The last 12 weeks, a column a week (Monday on top), logged days filled in. */
export function HabitHistory({
  history,
  historyFrom,
  today,
  color,
  name,
}: {
  history: string[];
  historyFrom: string;
  today: string;
  color: string;
  name: string;
}) {
  const logged = new Set(history);
  const weeks = Array.from({ length: HISTORY_WEEKS }, (_, w) => Array.from({ length: 7 }, (_, d) => addDays(historyFrom, w * 7 + d)));
  return (
    <div
      role="img"
      aria-label={`${name}: logged on ${history.length} of the last ${HISTORY_WEEKS} weeks' days`}
      className="flex gap-[3px]"
      data-testid="habit-history"
    >
      {weeks.map((days) => (
        <div key={days[0]} className="flex flex-col gap-[3px]">
          {days.map((day, i) => (
            <span
              key={day}
              title={`${WEEKDAYS[i]} ${day}${logged.has(day) ? ' · logged' : ''}`}
              className={`block h-3 w-3 rounded-[3px] ${day > today ? 'bg-transparent' : logged.has(day) ? '' : 'bg-stone-100'} ${day === today ? 'ring-1 ring-stone-400' : ''}`}
              style={logged.has(day) ? { backgroundColor: color } : undefined}
              data-logged={logged.has(day) || undefined}
            />
          ))}
        </div>
      ))}
    </div>
  );
}
