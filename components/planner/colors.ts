import { BRAND_COLOR } from '../forms/colors';

/** Block styles for an event: a tinted background with a solid left edge in its colour. */
export function eventColorStyle(color: string | null): { backgroundColor: string; borderLeftColor: string } {
  const c = color ?? BRAND_COLOR;
  return { backgroundColor: `${c}1f`, borderLeftColor: c };
}
