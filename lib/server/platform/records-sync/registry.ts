import 'server-only';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { z } from 'zod';
import type { Scope } from '@/lib/shared/events';
import { syncDataSchemas, type SyncEntityType } from '@/lib/shared/schemas/records-sync';
import type { ServiceContext, WriteScope } from '@/lib/server/platform/changes';
import { processSingleton } from '@/lib/server/platform/process';

// Native record sync (decision 008) is a protocol of the platform: last write wins per record,
// tombstones, cursors. What a record may hold and what else a write of it does are the owning
// domain's rules: each domain registers its entities here (domains/<d>/sync.ts), with the same
// functions its web verbs use, and the platform never imports a domain.

type Data = Record<string, unknown>;

/** The columns every synced table shares (platform/db/columns.ts, syncedColumns). */
interface SyncedColumns {
  id: SQLiteColumn;
  userId: SQLiteColumn;
  createdAt: SQLiteColumn;
  updatedAt: SQLiteColumn;
  deletedAt: SQLiteColumn;
  serverVersion: SQLiteColumn;
}
type SyncedTable = SQLiteTable & SyncedColumns;

type Meta = 'id' | 'userId' | 'serverVersion' | 'createdAt' | 'updatedAt' | 'deletedAt';
/** A row's `data`: every column but the sync metadata. */
type DataOf<T extends { $inferSelect: object }> = Omit<T['$inferSelect'], Meta>;
/** The same keys, and every value the schema lets through fits its column (it may be narrower). */
type Fits<Out, Row> = [Out] extends [Row] ? ([keyof Row] extends [keyof Out] ? ([keyof Out] extends [keyof Row] ? true : false) : false) : false;

/** What the owning domain says about a synced record beyond its schema. */
export interface SyncRules<D extends string = string> {
  /** Columns unique per user besides the id (habit_logs: one log per habit and day). */
  naturalKey?: readonly D[];
  /**
   * The record belongs to a parent record of the caller's: a live version naming no such parent (none,
   * or another account's) is refused like the web's 404; while the parent is deleted, the record stays deleted.
   */
  parent?: { entityType: SyncEntityType; field: D };
  /** What the domain's web delete does besides the row (a book's sessions, a habit's logs); returns rows changed. */
  onDelete?: (w: WriteScope, ctx: ServiceContext, id: string, at: number) => Promise<number>;
  /**
   * Refuses a written live version the web would refuse (a 400 AppError; `field` is named when it has
   * no issues). Runs once the whole batch is written, so a record may name one uploaded after it.
   */
  check?: { field: D; run: (w: WriteScope, ctx: ServiceContext, data: Data, before: Data | null, id: string) => Promise<void> };
}

export interface SyncEntity {
  type: SyncEntityType;
  table: SyncedTable;
  /** The scopes a web write of this table bumps; a native upload bumps the same ones. */
  scopes: readonly [Scope, ...Scope[]];
  schema: z.ZodType<Data>;
  /** The keys of `data`, in the schema's order. */
  dataKeys: string[];
  rules: SyncRules;
}

/**
 * One entity, type-checked: the schema's output must have exactly the table's columns minus the sync
 * metadata, so a column added to a domain's schema.ts without its `data` field fails to compile.
 */
export function syncEntity<K extends SyncEntityType, T extends SyncedTable>(
  type: K,
  table: T,
  scopes: readonly [Scope, ...Scope[]],
  ...rules: Fits<z.output<(typeof syncDataSchemas)[K]>, DataOf<T>> extends true ? [rules?: SyncRules<keyof DataOf<T> & string>] : [schemaMismatch: never]
): SyncEntity {
  const schema = syncDataSchemas[type];
  return { type, table, scopes, schema: schema as unknown as z.ZodType<Data>, dataKeys: Object.keys(schema.shape), rules: (rules[0] ?? {}) as SyncRules };
}

const registry = () => processSingleton('sync-entities', () => new Map<SyncEntityType, SyncEntity>());

/** Called by each domain at start-up (lib/server/runtime.ts); registering a type again replaces it. */
export function registerSyncEntities(...entities: SyncEntity[]): void {
  for (const e of entities) registry().set(e.type, e);
}

/** The registered entity of a type; every type of the protocol must have one once the runtime started. */
export function syncEntityOf(type: SyncEntityType): SyncEntity {
  const entity = registry().get(type);
  if (!entity) throw new Error(`No domain registered the sync entity "${type}": call startRuntime() (lib/server/runtime.ts) first`);
  return entity;
}

/** Every entity of the protocol, in its order. */
export function syncEntities(): SyncEntity[] {
  return (Object.keys(syncDataSchemas) as SyncEntityType[]).map(syncEntityOf);
}

/** The union of the entities' scopes, in a stable order, for one writeChange. */
export function scopesOf(types: Iterable<SyncEntityType>): [Scope, ...Scope[]] {
  const wanted = new Set([...types].flatMap((t) => syncEntityOf(t).scopes));
  const scopes = [...new Set(syncEntities().flatMap((e) => e.scopes))].filter((s) => wanted.has(s));
  if (scopes.length === 0) throw new Error('scopesOf needs at least one entity type');
  return scopes as [Scope, ...Scope[]];
}

/** A row's `data`, as uploads carry it. */
export function dataOf(entity: SyncEntity, row: Data): Data {
  return Object.fromEntries(entity.dataKeys.map((k) => [k, row[k]]));
}
