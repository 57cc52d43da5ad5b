/** The colours a habit can wear; the API accepts any #rrggbb, the form offers these. */
export const HABIT_COLORS = [
  { name: 'Orange', value: '#e04a12' },
  { name: 'Green', value: '#16a34a' },
  { name: 'Blue', value: '#2563eb' },
  { name: 'Purple', value: '#9333ea' },
  { name: 'Pink', value: '#db2777' },
  { name: 'Teal', value: '#0d9488' },
] as const;

export const DEFAULT_HABIT_COLOR = '#e04a12';
