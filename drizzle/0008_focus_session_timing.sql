CREATE TABLE `focus_session_timing` (
	`session_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`grace_minutes` integer DEFAULT 15 NOT NULL,
	`skipped_break_ms` integer DEFAULT 0 NOT NULL,
	`completed_itself` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `focus_session_timing_user_idx` ON `focus_session_timing` (`user_id`);