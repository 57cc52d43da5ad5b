/**
 * JSON with object keys sorted at every level, so equal values always give the same bytes
 * (snapshots are compared and stored byte for byte). Entity maps are encoded as arrays sorted by
 * id, never as objects: an id such as `__proto__` is then just data.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/** String order by UTF-16 code units, the same in every runtime (unlike `localeCompare`). */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  entries.sort(([a], [b]) => byCodeUnits(a, b));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
