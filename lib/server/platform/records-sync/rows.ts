import 'server-only';
import { and, asc, eq, gt, lte, type SQL } from 'drizzle-orm';
import type { RecordVersion } from '@/lib/shared/records-lww';
import type { SyncDownloadChange, SyncRecord } from '@/lib/shared/schemas/records-sync';
import type { Db, Tx } from '@/lib/server/platform/db/client';
import type { SyncedShape } from '@/lib/server/platform/db/columns';
import { dataOf, type SyncEntity } from './registry';

/** The columns every synced table shares (lib/server/platform/db/columns.ts, syncedColumns). */
export interface SyncedRow extends Record<string, unknown> {
  id: string;
  userId: string;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
  serverVersion: number;
}

// The registered tables differ only in their data columns; the generic reads and writes below see
// them through the shape of the columns they share, so each table's own types stay exact elsewhere.
function anyTable(entity: SyncEntity) {
  return entity.table as unknown as SyncedShape;
}

export async function findRow(tx: Tx, entity: SyncEntity, id: string): Promise<SyncedRow | undefined> {
  const t = anyTable(entity);
  return (await tx.select().from(t).where(eq(t.id, id)).get()) as SyncedRow | undefined;
}

/** The caller's other row with the same natural key as `data` (entities with one only). */
export async function findTwin(tx: Tx, entity: SyncEntity, userId: string, id: string, data: Record<string, unknown>): Promise<SyncedRow | undefined> {
  const naturalKey = entity.rules.naturalKey;
  if (!naturalKey) return undefined;
  const t = anyTable(entity);
  const columns = t as unknown as Record<string, Parameters<typeof eq>[0]>;
  const sameKey = naturalKey.map((k) => eq(columns[k], data[k]));
  const row = (await tx
    .select()
    .from(t)
    .where(and(eq(t.userId, userId), ...sameKey))
    .get()) as SyncedRow | undefined;
  return row && row.id !== id ? row : undefined;
}

export async function insertRow(tx: Tx, entity: SyncEntity, row: SyncedRow): Promise<void> {
  await tx.insert(anyTable(entity)).values(row as never);
}

export async function updateRow(tx: Tx, entity: SyncEntity, userId: string, id: string, change: Partial<SyncedRow>): Promise<SyncedRow> {
  const t = anyTable(entity);
  const [row] = await tx
    .update(t)
    .set(change as never)
    .where(and(eq(t.id, id), eq(t.userId, userId)))
    .returning();
  return row as unknown as SyncedRow;
}

/** The caller's rows with a server_version in (after, upTo], or exactly `at`; oldest version first. */
export async function rowsInRange(
  db: Db | Tx,
  entity: SyncEntity,
  userId: string,
  range: { after: number; upTo: number } | { at: number },
  limit?: number,
): Promise<SyncedRow[]> {
  const t = anyTable(entity);
  const versions: SQL[] = 'at' in range ? [eq(t.serverVersion, range.at)] : [gt(t.serverVersion, range.after), lte(t.serverVersion, range.upTo)];
  const query = db
    .select()
    .from(t)
    .where(and(eq(t.userId, userId), ...versions))
    .orderBy(asc(t.serverVersion), asc(t.id));
  return (await (limit === undefined ? query : query.limit(limit))) as SyncedRow[];
}

export function versionOf(entity: SyncEntity, row: SyncedRow): RecordVersion {
  return { updatedAt: row.updatedAt, deleted: row.deletedAt !== null, data: dataOf(entity, row) };
}

export function recordOf(entity: SyncEntity, row: SyncedRow): SyncRecord {
  const deleted = row.deletedAt !== null;
  return { entityType: entity.type, id: row.id, data: deleted ? null : dataOf(entity, row), updatedAt: row.updatedAt, deleted };
}

export function downloadChangeOf(entity: SyncEntity, row: SyncedRow): SyncDownloadChange {
  return { ...recordOf(entity, row), serverVersion: row.serverVersion };
}
