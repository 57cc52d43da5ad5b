import { randomUUID } from 'node:crypto';
import { isSyncEntityType, syncDataSchemas, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import type { LocalRecord, LocalStore } from './store';

/** Command-line flags that set a `data` field, per entity type (anything else goes through --data JSON). */
export const FIELD_FLAGS: Partial<Record<SyncEntityType, Record<string, { field: string; type: 'string' | 'number' | 'instant' }>>> = {
  habits: {
    name: { field: 'name', type: 'string' },
    cadence: { field: 'cadence', type: 'string' },
    'times-per-week': { field: 'timesPerWeek', type: 'number' },
    color: { field: 'color', type: 'string' },
  },
  books: {
    title: { field: 'title', type: 'string' },
    author: { field: 'author', type: 'string' },
    'total-pages': { field: 'totalPages', type: 'number' },
  },
  mood_entries: {
    score: { field: 'score', type: 'number' },
    notes: { field: 'notes', type: 'string' },
    'recorded-at': { field: 'recordedAt', type: 'instant' },
  },
};

export class UsageError extends Error {}

export function entityTypeOf(value: string | undefined): SyncEntityType {
  if (!isSyncEntityType(value)) throw new UsageError(`Unknown entity type "${value ?? ''}"; use one of ${Object.keys(syncDataSchemas).join(', ')}`);
  return value;
}

/** A time given as ms since the epoch or as an ISO date. */
export function parseInstant(value: string): number {
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw new UsageError(`Not a time: ${value} (use ms since the epoch or an ISO date)`);
  return ms;
}

/** The fields named on the command line: `--data JSON` first, then the per-type flags on top. */
export function fieldsFromFlags(type: SyncEntityType, flags: Record<string, string | undefined>): Record<string, unknown> {
  let fields: Record<string, unknown> = {};
  if (flags.data !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(flags.data);
    } catch {
      throw new UsageError('--data must be a JSON object');
    }
    // null, a number or an array parse fine but are no record's fields.
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new UsageError(`--data must be a JSON object, not ${flags.data}`);
    fields = parsed as Record<string, unknown>;
  }
  for (const [flag, { field, type: kind }] of Object.entries(FIELD_FLAGS[type] ?? {})) {
    const raw = flags[flag];
    if (raw === undefined) continue;
    fields[field] = kind === 'number' ? Number(raw) : kind === 'instant' ? parseInstant(raw) : raw;
  }
  return fields;
}

/** The record's data checked by the same schema the server applies. */
function validData(type: SyncEntityType, fields: Record<string, unknown>): Record<string, unknown> {
  const parsed = syncDataSchemas[type].safeParse(fields);
  if (!parsed.success) throw new UsageError(parsed.error.issues.map((i) => `${i.path.join('.') || type}: ${i.message}`).join('\n'));
  return parsed.data as Record<string, unknown>;
}

async function existing(store: LocalStore, type: SyncEntityType, id: string): Promise<LocalRecord> {
  const record = await store.get(type, id);
  if (!record || record.deleted) throw new UsageError(`No ${type} record ${id} here (run sync, then list ${type})`);
  return record;
}

export async function addRecord(store: LocalStore, type: SyncEntityType, fields: Record<string, unknown>, at: number): Promise<LocalRecord> {
  const defaults = type === 'mood_entries' ? { recordedAt: at } : {};
  return store.saveEdit({ entityType: type, id: randomUUID(), data: validData(type, { ...defaults, ...fields }), updatedAt: at, deleted: false });
}

export async function editRecord(store: LocalStore, type: SyncEntityType, id: string, fields: Record<string, unknown>, at: number): Promise<LocalRecord> {
  const current = await existing(store, type, id);
  return store.saveEdit({ entityType: type, id, data: validData(type, { ...current.data, ...fields }), updatedAt: at, deleted: false });
}

export async function deleteRecord(store: LocalStore, type: SyncEntityType, id: string, at: number): Promise<LocalRecord> {
  const current = await existing(store, type, id);
  return store.saveEdit({ entityType: type, id, data: current.data, updatedAt: at, deleted: true });
}
