const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 minutes ago", "just now" or "never": last-used and last-seen times are kept to the minute. */
export function formatAgo(at: number | null, now: number): string {
  if (at === null) return 'never';
  const elapsed = now - at;
  if (elapsed < 60_000) return 'just now';
  const [unit, ms] = UNITS.find(([, size]) => elapsed >= size)!;
  return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(-Math.floor(elapsed / ms), unit);
}

export function formatDate(at: number): string {
  return new Date(at).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}
