CREATE TABLE `user_counters` (
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`value` integer NOT NULL,
	PRIMARY KEY(`user_id`, `name`)
);
--> statement-breakpoint
-- The counters that scope_versions used to hold under reserved scope names move to their own table.
INSERT INTO `user_counters` (`user_id`, `name`, `value`)
  SELECT `user_id`, CASE `scope` WHEN '_seq' THEN 'write_seq' ELSE 'oplog_floor' END, `version`
  FROM `scope_versions` WHERE `scope` IN ('_seq', '_oplog_floor');
--> statement-breakpoint
DELETE FROM `scope_versions` WHERE `scope` IN ('_seq', '_oplog_floor');
