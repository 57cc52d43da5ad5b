import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { millis } from '@/lib/server/platform/db/columns';

/**
 * The task op log (seed 004). `user_seq` is the arrival order within the user's log: the `serverSeq`
 * clients see and their cursors, numbered per user so that nothing of another user shows through it
 * (server_seq is the table's own row id, never sent). The unique key dedupes retries.
 */
export const ops = sqliteTable(
  'ops',
  {
    serverSeq: integer('server_seq').primaryKey({ autoIncrement: true }),
    userSeq: integer('user_seq').notNull(),
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
    // Pull pages by (user, user_seq); without it every page sorts the user's whole log.
    uniqueIndex('ops_user_order_idx').on(t.userId, t.userSeq),
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
