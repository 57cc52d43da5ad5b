'use client';

import type { Priority, TaskView } from '@/lib/shared/crdt';
import { WEEKDAYS, type Recurrence } from '@/lib/shared/recurrence';
import { choiceOf, recurrenceFor, type RepeatChoice } from '@/lib/shared/repeat-choice';
import { useRepeatRules } from '@/lib/sync/tasks/useRepeatRules';
import { REMINDER_CHOICES } from './reminder-choices';

export interface DetailsDraft {
  priority: Priority | null;
  dueTime: string;
  /** `kept` = a rule made elsewhere that the editor cannot show: left as it is. */
  repeat: RepeatChoice | null | 'kept';
  reminder: number | null;
}

const DAY_LABELS: Record<(typeof WEEKDAYS)[number], string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };
const KINDS: { kind: RepeatChoice['kind'] | 'none'; label: string }[] = [
  { kind: 'none', label: 'Does not repeat' },
  { kind: 'daily', label: 'Every day' },
  { kind: 'weekdays', label: 'Every weekday' },
  { kind: 'weekly', label: 'Weekly on…' },
  { kind: 'monthly', label: 'Monthly on day…' },
  { kind: 'everyNDays', label: 'Every N days' },
  { kind: 'afterCompletion', label: 'N days after completion' },
];

export function draftOf(task: Pick<TaskView, 'priority' | 'dueTime' | 'recurrence' | 'reminder'>): DetailsDraft {
  return {
    priority: task.priority,
    dueTime: task.dueTime ?? '',
    repeat: task.recurrence ? (choiceOf(task.recurrence) ?? 'kept') : null,
    reminder: task.reminder,
  };
}

/** The recurrence a draft stands for; `undefined` = unchanged (a rule the editor cannot show). */
export function recurrenceOf(draft: DetailsDraft): Recurrence | null | undefined {
  if (draft.repeat === 'kept') return undefined;
  return draft.repeat ? recurrenceFor(draft.repeat) : null;
}

function defaultChoice(kind: RepeatChoice['kind'], dueDay: string | null): RepeatChoice {
  const due = dueDay ? new Date(`${dueDay}T00:00:00Z`) : null;
  switch (kind) {
    case 'weekly':
      return { kind, days: [WEEKDAYS[due ? (due.getUTCDay() + 6) % 7 : 0]] };
    case 'monthly':
      return { kind, day: due ? due.getUTCDate() : 1 };
    case 'everyNDays':
    case 'afterCompletion':
      return { kind, n: 2 };
    default:
      return { kind };
  }
}

/** Priority, time, repeat and reminder of a task, as form fields; `idPrefix` keeps labels unique per row. */
export function TaskDetailsFields({
  draft,
  onChange,
  dueDay,
  current,
  idPrefix,
}: {
  draft: DetailsDraft;
  onChange: (draft: DetailsDraft) => void;
  dueDay: string | null;
  current: Recurrence | null;
  idPrefix: string;
}) {
  const set = (patch: Partial<DetailsDraft>) => onChange({ ...draft, ...patch });
  const repeat = draft.repeat;
  const kind = repeat === null ? 'none' : repeat === 'kept' ? 'kept' : repeat.kind;
  const rules = useRepeatRules(repeat === 'kept');
  return (
    <div className="grid gap-2 text-sm sm:grid-cols-2">
      <label className="flex flex-col gap-1">
        <span className="text-xs text-stone-600">Priority</span>
        <select
          id={`${idPrefix}-priority`}
          className="input py-1.5"
          value={draft.priority ?? ''}
          onChange={(e) => set({ priority: e.target.value ? (Number(e.target.value) as Priority) : null })}
        >
          <option value="">No priority</option>
          <option value="1">P1 — urgent</option>
          <option value="2">P2 — high</option>
          <option value="3">P3 — medium</option>
          <option value="4">P4 — low</option>
        </select>
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-stone-600">Time{dueDay ? '' : ' (set a due date first)'}</span>
        <input type="time" className="input py-1.5" value={draft.dueTime} disabled={!dueDay} onChange={(e) => set({ dueTime: e.target.value })} />
      </label>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${idPrefix}-repeat`} className="text-xs text-stone-600">
          Repeat{dueDay ? '' : ' (set a due date first)'}
        </label>
        <select
          id={`${idPrefix}-repeat`}
          className="input py-1.5"
          value={kind}
          disabled={!dueDay}
          onChange={(e) => {
            const next = e.target.value;
            if (next === 'kept') return;
            set({ repeat: next === 'none' ? null : defaultChoice(next as RepeatChoice['kind'], dueDay) });
          }}
        >
          {repeat === 'kept' && current ? <option value="kept">{rules ? rules.describeRecurrence(current) : 'Its own repeat rule'}</option> : null}
          {KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
        {repeat !== null && repeat !== 'kept' && repeat.kind === 'weekly' ? (
          <fieldset className="flex flex-wrap gap-1">
            <legend className="sr-only">Days of the week</legend>
            {WEEKDAYS.map((day) => {
              const on = repeat.days.includes(day);
              return (
                <label
                  key={day}
                  className={`cursor-pointer rounded border px-1.5 py-0.5 text-xs ${on ? 'border-brand-500 bg-brand-50 text-brand-700' : 'border-stone-300'}`}
                >
                  <input
                    type="checkbox"
                    className="sr-only"
                    checked={on}
                    onChange={() => {
                      const days = on ? repeat.days.filter((d) => d !== day) : WEEKDAYS.filter((d) => d === day || repeat.days.includes(d));
                      if (days.length > 0) set({ repeat: { kind: 'weekly', days } });
                    }}
                  />
                  {DAY_LABELS[day]}
                </label>
              );
            })}
          </fieldset>
        ) : null}
        {repeat !== null && repeat !== 'kept' && repeat.kind === 'monthly' ? (
          <input
            type="number"
            aria-label="Day of the month"
            min={1}
            max={31}
            className="input py-1"
            value={repeat.day}
            onChange={(e) => set({ repeat: { kind: 'monthly', day: Math.min(31, Math.max(1, Number(e.target.value) || 1)) } })}
          />
        ) : null}
        {repeat !== null && repeat !== 'kept' && (repeat.kind === 'everyNDays' || repeat.kind === 'afterCompletion') ? (
          <input
            type="number"
            aria-label="Number of days"
            min={1}
            max={999}
            className="input py-1"
            value={repeat.n}
            onChange={(e) => set({ repeat: { kind: repeat.kind, n: Math.min(999, Math.max(1, Number(e.target.value) || 1)) } })}
          />
        ) : null}
      </div>
      <label className="flex flex-col gap-1">
        <span className="text-xs text-stone-600">Reminder{dueDay ? '' : ' (set a due date first)'}</span>
        <select
          className="input py-1.5"
          value={draft.reminder ?? ''}
          disabled={!dueDay}
          onChange={(e) => set({ reminder: e.target.value === '' ? null : Number(e.target.value) })}
        >
          <option value="">No reminder</option>
          {REMINDER_CHOICES.map((c) => (
            <option key={c.minutes} value={c.minutes}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
