/** The colours the planner offers; null is the app's own orange. Native clients may store any #rrggbb. */
export const EVENT_COLORS: { name: string; value: string | null }[] = [
  { name: 'Default', value: null },
  { name: 'Blue', value: '#3b82f6' },
  { name: 'Green', value: '#16a34a' },
  { name: 'Purple', value: '#9333ea' },
  { name: 'Pink', value: '#db2777' },
  { name: 'Grey', value: '#57534e' },
];

export const DEFAULT_EVENT_COLOR = '#e04a12';

/** Block styles for an event: a tinted background with a solid left edge in its colour. */
export function eventColorStyle(color: string | null): { backgroundColor: string; borderLeftColor: string } {
  const c = color ?? DEFAULT_EVENT_COLOR;
  return { backgroundColor: `${c}1f`, borderLeftColor: c };
}
