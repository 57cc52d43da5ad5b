import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Per-user counters of the platform: the write sequence (changes/scopes.ts stamps it on every synced
 * row as `server_version`), and the op log's last sequence number and compaction floor (oplog/log.ts). Apart from the scope
 * versions, so a counter is never mistaken for a scope an ETag could depend on.
 */
export const userCounters = sqliteTable(
  'user_counters',
  {
    userId: text('user_id').notNull(),
    name: text('name', { enum: ['write_seq', 'oplog_floor', 'oplog_seq'] }).notNull(),
    value: integer('value').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.name] })],
);
