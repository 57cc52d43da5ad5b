import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

/** The task op log (seed 004): server_seq is the arrival order, the unique key dedupes retries. */
export const ops = sqliteTable(
  'ops',
  {
    serverSeq: integer('server_seq').primaryKey({ autoIncrement: true }),
    userId: text('user_id').notNull(),
    scope: text('scope', { enum: ['registry', 'list'] }).notNull(),
    resourceId: text('resource_id').notNull(),
    actor: text('actor').notNull(),
    clock: integer('clock').notNull(),
    payload: text('payload').notNull(),
    receivedAt: millis('received_at').notNull(),
  },
  (t) => [
    uniqueIndex('ops_dedupe_idx').on(t.userId, t.actor, t.clock, t.scope, t.resourceId),
    // Pull pages by (user, server_seq); without it every page sorts the user's whole log.
    index('ops_user_seq_idx').on(t.userId, t.serverSeq),
  ],
);

export const syncClients = sqliteTable(
  'sync_clients',
  {
    clientId: text('client_id').primaryKey(),
    userId: text('user_id').notNull(),
    lastSeenServerSeq: integer('last_seen_server_seq').notNull().default(0),
    lastSeenAt: millis('last_seen_at').notNull(),
    retiredAt: millis('retired_at'),
  },
  (t) => [index('sync_clients_user_idx').on(t.userId)],
);

/** Materialised CRDT state per resource, covering every op with server_seq ≤ upto_server_seq. */
export const snapshots = sqliteTable(
  'snapshots',
  {
    userId: text('user_id').notNull(),
    scope: text('scope', { enum: ['registry', 'list'] }).notNull(),
    resourceId: text('resource_id').notNull(),
    uptoServerSeq: integer('upto_server_seq').notNull(),
    state: text('state').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.scope, t.resourceId] })],
);
