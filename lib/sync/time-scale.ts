const KEY = 'pos:sync-time-scale';

/**
 * A factor (0.001–1) applied to every contract duration in this browser, read once per page.
 * Tests and `bench/poll-cost` set it to compress 30 s into milliseconds; it can only make a
 * browser poll more often, never less.
 */
export function readTimeScale(storage: Storage | null = typeof localStorage === 'undefined' ? null : localStorage): number {
  const raw = Number(storage?.getItem(KEY) ?? NaN);
  return Number.isFinite(raw) && raw >= 0.001 && raw <= 1 ? raw : 1;
}
