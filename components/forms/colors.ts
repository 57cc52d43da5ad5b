/**
 * Every colour a form offers, each hex value once. The tables keep the values their stored
 * records already use (an activity's orange is not a habit's), so old records still match a choice.
 */
const SWATCHES = {
  brand: { name: 'Orange', value: '#e04a12' },
  orange: { name: 'Orange', value: '#ea580c' },
  blue: { name: 'Blue', value: '#2563eb' },
  lightBlue: { name: 'Blue', value: '#3b82f6' },
  green: { name: 'Green', value: '#16a34a' },
  purple: { name: 'Purple', value: '#9333ea' },
  pink: { name: 'Pink', value: '#db2777' },
  teal: { name: 'Teal', value: '#0d9488' },
  grey: { name: 'Grey', value: '#57534e' },
} as const;

type Swatch = keyof typeof SWATCHES;
export type ColorChoice = { name: string; value: string | null };

const pick = (...names: Swatch[]) => names.map((n) => SWATCHES[n]);

/** The app's own orange: what a habit or an event without a colour wears. */
export const BRAND_COLOR = SWATCHES.brand.value;

/** A habit's colours; the API accepts any #rrggbb, the form offers these. */
export const HABIT_COLORS = pick('brand', 'green', 'blue', 'purple', 'pink', 'teal');

/** The planner's colours; null is the app's own orange. Native clients may store any #rrggbb. */
export const EVENT_COLORS: ColorChoice[] = [{ name: 'Default', value: null }, ...pick('lightBlue', 'green', 'purple', 'pink', 'grey')];

/** An activity's colours; null draws it without one. */
export const ACTIVITY_COLORS: ColorChoice[] = [{ name: 'None', value: null }, ...pick('orange', 'blue', 'green', 'purple')];
