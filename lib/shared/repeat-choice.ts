import { WEEKDAYS, type Recurrence } from './recurrence';

/** The repeat choices the task editor and quick add offer, as rules. */
export type RepeatChoice =
  | { kind: 'daily' }
  | { kind: 'weekdays' }
  | { kind: 'weekly'; days: (typeof WEEKDAYS)[number][] }
  | { kind: 'monthly'; day: number }
  | { kind: 'everyNDays'; n: number }
  | { kind: 'afterCompletion'; n: number };

export function recurrenceFor(choice: RepeatChoice): Recurrence {
  switch (choice.kind) {
    case 'daily':
      return { rule: 'FREQ=DAILY', from: 'due' };
    case 'weekdays':
      return { rule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', from: 'due' };
    case 'weekly':
      return { rule: `FREQ=WEEKLY;BYDAY=${choice.days.join(',')}`, from: 'due' };
    case 'monthly':
      return { rule: `FREQ=MONTHLY;BYMONTHDAY=${choice.day}`, from: 'due' };
    case 'everyNDays':
      return { rule: choice.n === 1 ? 'FREQ=DAILY' : `FREQ=DAILY;INTERVAL=${choice.n}`, from: 'due' };
    case 'afterCompletion':
      return { rule: choice.n === 1 ? 'FREQ=DAILY' : `FREQ=DAILY;INTERVAL=${choice.n}`, from: 'completion' };
  }
}

/** The editor's choice a stored rule is, or null for a rule it cannot show (made elsewhere): kept as is. */
export function choiceOf(recurrence: Recurrence): RepeatChoice | null {
  const parts = new Map(recurrence.rule.split(';').map((p) => p.split('=') as [string, string]));
  const interval = Number(parts.get('INTERVAL') ?? 1);
  const keys = [...parts.keys()].sort().join(',');
  if (recurrence.from === 'completion') return parts.get('FREQ') === 'DAILY' && !parts.has('BYDAY') ? { kind: 'afterCompletion', n: interval } : null;
  if (keys === 'FREQ' && parts.get('FREQ') === 'DAILY') return { kind: 'daily' };
  if (keys === 'FREQ,INTERVAL' && parts.get('FREQ') === 'DAILY') return { kind: 'everyNDays', n: interval };
  if (keys === 'BYDAY,FREQ' && parts.get('FREQ') === 'WEEKLY') {
    const days = parts.get('BYDAY')!.split(',');
    if (days.join(',') === 'MO,TU,WE,TH,FR') return { kind: 'weekdays' };
    if (days.every((d) => (WEEKDAYS as readonly string[]).includes(d))) return { kind: 'weekly', days: days as (typeof WEEKDAYS)[number][] };
  }
  if (keys === 'BYMONTHDAY,FREQ' && parts.get('FREQ') === 'MONTHLY') return { kind: 'monthly', day: Number(parts.get('BYMONTHDAY')) };
  return null;
}
