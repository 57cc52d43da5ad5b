// The browser's own locale and time zone (undefined = the user's settings).
const time = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const day = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const dateTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export const formatTime = (at: number) => time.format(at);
export const formatDay = (at: number) => day.format(at);
export const formatDateTime = (at: number) => dateTime.format(at);

/** Tailwind classes for a mood score badge: low scores warm, high scores green. */
export function scoreTone(score: number): string {
  if (score <= 3) return 'bg-red-100 text-red-800';
  if (score <= 6) return 'bg-amber-100 text-amber-800';
  return 'bg-green-100 text-green-800';
}
