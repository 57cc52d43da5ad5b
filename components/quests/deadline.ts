/** Deadlines are the end of a calendar day in the browser's time zone; date inputs speak YYYY-MM-DD. */

export function deadlineFromDateInput(value: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 23, 59, 59, 999).getTime();
}

export function dateInputFromDeadline(deadline: number | null): string {
  if (deadline === null) return '';
  const d = new Date(deadline);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A day as every quest date shows it (a deadline, a completion): "Thu, Dec 31, 2026" in the browser's locale. */
export function formatDay(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric' });
}
