ALTER TABLE `ops` ADD `user_seq` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Cursors become per user (docs/protocol-spec.md, "Cursors"). Each user's ops are numbered in arrival
-- order; where compaction pruned some, one number first stands for all of them, so the floor stays
-- above 0 and a pull from 0 still has to bootstrap.
CREATE TEMP TABLE `ops_numbering` (`server_seq` integer PRIMARY KEY, `user_seq` integer NOT NULL);--> statement-breakpoint
INSERT INTO `ops_numbering`
  SELECT o.`server_seq`,
         row_number() OVER (PARTITION BY o.`user_id` ORDER BY o.`server_seq`)
           + (SELECT count(*) FROM `user_counters` c WHERE c.`user_id` = o.`user_id` AND c.`name` = 'oplog_floor' AND c.`value` > 0)
  FROM `ops` o;--> statement-breakpoint
UPDATE `ops` SET `user_seq` = (SELECT n.`user_seq` FROM `ops_numbering` n WHERE n.`server_seq` = `ops`.`server_seq`);--> statement-breakpoint
-- A snapshot covers the user's ops up to its global number: the same ops, counted in the user's own numbers.
UPDATE `snapshots` SET `upto_server_seq` =
  (SELECT count(*) FROM `ops` o WHERE o.`user_id` = `snapshots`.`user_id` AND o.`server_seq` <= `snapshots`.`upto_server_seq`)
  + (SELECT count(*) FROM `user_counters` c WHERE c.`user_id` = `snapshots`.`user_id` AND c.`name` = 'oplog_floor' AND c.`value` > 0);--> statement-breakpoint
UPDATE `user_counters` SET `value` = 1 WHERE `name` = 'oplog_floor' AND `value` > 0;--> statement-breakpoint
INSERT INTO `user_counters` (`user_id`, `name`, `value`)
  SELECT `user_id`, 'oplog_seq', max(`seq`) FROM (
    SELECT `user_id`, `user_seq` AS `seq` FROM `ops`
    UNION ALL SELECT `user_id`, `upto_server_seq` FROM `snapshots`
    UNION ALL SELECT `user_id`, `value` FROM `user_counters` WHERE `name` = 'oplog_floor'
  ) GROUP BY `user_id`;--> statement-breakpoint
-- Cursors handed out before hold global numbers: every client bootstraps once more (its outbox is kept).
UPDATE `sync_clients` SET `retired_at` = CAST(strftime('%s', 'now') AS INTEGER) * 1000, `last_seen_server_seq` = 0 WHERE `retired_at` IS NULL;--> statement-breakpoint
DROP TABLE `ops_numbering`;--> statement-breakpoint
DROP INDEX `ops_user_seq_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `ops_user_order_idx` ON `ops` (`user_id`,`user_seq`);
