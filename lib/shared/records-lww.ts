/**
 * Last-write-wins between two versions of one record (docs/decisions/008-record-sync.md). The
 * server decides uploads with it and the reference client applies downloads with it, so every
 * replica picks the same winner without talking to the others.
 */

export interface RecordVersion {
  updatedAt: number;
  deleted: boolean;
  /** Ignored when deleted. */
  data: Record<string, unknown> | null;
}

/** JSON with object keys sorted at every depth: equal records give equal strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

export function sameVersion(a: RecordVersion, b: RecordVersion): boolean {
  return a.updatedAt === b.updatedAt && a.deleted === b.deleted && (a.deleted || canonicalJson(a.data) === canonicalJson(b.data));
}

/**
 * Which version wins: `incoming` when it is newer; at an equal `updatedAt` a delete beats an
 * edit, then the larger canonical JSON wins. `same` means both are already the same version
 * (a retried upload), which must be acknowledged without writing anything.
 */
export function lwwWinner(current: RecordVersion, incoming: RecordVersion): 'current' | 'incoming' | 'same' {
  if (sameVersion(current, incoming)) return 'same';
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt ? 'incoming' : 'current';
  if (incoming.deleted !== current.deleted) return incoming.deleted ? 'incoming' : 'current';
  return canonicalJson(incoming.data) > canonicalJson(current.data) ? 'incoming' : 'current';
}
