const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const date = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export const formatDateTime = (at: number) => dateTime.format(at);
export const formatDate = (at: number) => date.format(at);
export const formatClock = (at: number) => clock.format(at);

/** A contract duration for the admin's table: "30 s", "5 min", or a dash for none. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (ms === 0) return 'at once';
  if (ms < 60_000) return `${ms / 1000} s`;
  return `${ms / 60_000} min`;
}
