/** Tailwind classes for a mood score badge: low scores warm, high scores green. */
export function scoreTone(score: number): string {
  if (score <= 3) return 'bg-red-100 text-red-800';
  if (score <= 6) return 'bg-amber-100 text-amber-800';
  return 'bg-green-100 text-green-800';
}
