import type { Theme } from '@/lib/shared/schemas/profile';

export const THEMES: { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
  { value: 'system', label: 'System' },
];

/** Puts `theme` on <html>, where app/globals.css reads it (the server render put the profile's there first). */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (root.classList.contains(theme)) return;
  root.classList.remove(...THEMES.map((t) => t.value));
  root.classList.add(theme);
}
