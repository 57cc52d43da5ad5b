import { addDays, localDay, startOfDay } from '@/lib/shared/days';

/** A deadline is the last moment of a calendar day in the user's time zone; date inputs speak YYYY-MM-DD. */
export function deadlineFromDateInput(value: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) return null;
  return startOfDay(addDays(value, 1), timeZone) - 1;
}

export function dateInputFromDeadline(deadline: number | null, timeZone: string): string {
  return deadline === null ? '' : localDay(deadline, timeZone);
}
