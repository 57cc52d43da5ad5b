CREATE TABLE `focus_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`task_title` text,
	`mode` text NOT NULL,
	`planned_minutes` integer NOT NULL,
	`pomodoro` text,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`paused_at` integer,
	`paused_total_ms` integer DEFAULT 0 NOT NULL,
	`ended_at` integer,
	`focus_ms` integer,
	`device_id` text
);
--> statement-breakpoint
CREATE INDEX `focus_sessions_user_status_idx` ON `focus_sessions` (`user_id`,`status`);--> statement-breakpoint
CREATE INDEX `focus_sessions_user_started_idx` ON `focus_sessions` (`user_id`,`started_at`);--> statement-breakpoint
CREATE INDEX `focus_sessions_user_version_idx` ON `focus_sessions` (`user_id`,`server_version`);