CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`label` text NOT NULL,
	`color` text
);
--> statement-breakpoint
CREATE INDEX `activities_user_idx` ON `activities` (`user_id`);--> statement-breakpoint
CREATE INDEX `activities_user_version_idx` ON `activities` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `assessments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`score` integer NOT NULL,
	`taken_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `assessments_user_taken_idx` ON `assessments` (`user_id`,`taken_at`);--> statement-breakpoint
CREATE INDEX `assessments_user_version_idx` ON `assessments` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `books` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`total_pages` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `books_user_idx` ON `books` (`user_id`);--> statement-breakpoint
CREATE INDEX `books_user_version_idx` ON `books` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `daily_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`day` text NOT NULL,
	`focus_goal_minutes` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `daily_plans_user_day_idx` ON `daily_plans` (`user_id`,`day`);--> statement-breakpoint
CREATE INDEX `daily_plans_user_version_idx` ON `daily_plans` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `habit_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`habit_id` text NOT NULL,
	`day` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `habit_logs_user_habit_day_idx` ON `habit_logs` (`user_id`,`habit_id`,`day`);--> statement-breakpoint
CREATE INDEX `habit_logs_user_version_idx` ON `habit_logs` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `habits` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`name` text NOT NULL,
	`cadence` text NOT NULL,
	`times_per_week` integer DEFAULT 7 NOT NULL,
	`color` text,
	`archived_at` integer
);
--> statement-breakpoint
CREATE INDEX `habits_user_idx` ON `habits` (`user_id`);--> statement-breakpoint
CREATE INDEX `habits_user_version_idx` ON `habits` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `mood_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`score` integer NOT NULL,
	`activity_ids` text NOT NULL,
	`notes` text,
	`recorded_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `mood_entries_user_recorded_idx` ON `mood_entries` (`user_id`,`recorded_at`);--> statement-breakpoint
CREATE INDEX `mood_entries_user_version_idx` ON `mood_entries` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `plan_items` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`plan_id` text NOT NULL,
	`kind` text NOT NULL,
	`ref_id` text,
	`title` text NOT NULL,
	`position` integer NOT NULL,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `plan_items_user_plan_idx` ON `plan_items` (`user_id`,`plan_id`);--> statement-breakpoint
CREATE INDEX `plan_items_user_version_idx` ON `plan_items` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `planner_events` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`all_day` integer DEFAULT false NOT NULL,
	`notes` text,
	`color` text
);
--> statement-breakpoint
CREATE INDEX `planner_events_user_starts_idx` ON `planner_events` (`user_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `planner_events_user_version_idx` ON `planner_events` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `quests` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`title` text NOT NULL,
	`description` text,
	`target` integer NOT NULL,
	`progress` integer DEFAULT 0 NOT NULL,
	`xp_reward` integer NOT NULL,
	`deadline` integer,
	`completed_at` integer
);
--> statement-breakpoint
CREATE INDEX `quests_user_idx` ON `quests` (`user_id`,`completed_at`);--> statement-breakpoint
CREATE INDEX `quests_user_version_idx` ON `quests` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `reading_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`book_id` text NOT NULL,
	`pages` integer NOT NULL,
	`minutes` integer NOT NULL,
	`read_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `reading_sessions_user_book_idx` ON `reading_sessions` (`user_id`,`book_id`);--> statement-breakpoint
CREATE INDEX `reading_sessions_user_version_idx` ON `reading_sessions` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`server_version` integer NOT NULL,
	`assessment_kind` text NOT NULL,
	`cadence` text NOT NULL,
	`next_due_at` integer NOT NULL,
	`enabled` integer DEFAULT true NOT NULL
);
--> statement-breakpoint
CREATE INDEX `schedules_user_due_idx` ON `schedules` (`user_id`,`next_due_at`);--> statement-breakpoint
CREATE INDEX `schedules_user_version_idx` ON `schedules` (`user_id`,`server_version`);--> statement-breakpoint
CREATE TABLE `terms_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text
);
--> statement-breakpoint
CREATE TABLE `ops` (
	`server_seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`scope` text NOT NULL,
	`resource_id` text NOT NULL,
	`actor` text NOT NULL,
	`clock` integer NOT NULL,
	`payload` text NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `ops_dedupe_idx` ON `ops` (`user_id`,`actor`,`clock`,`scope`,`resource_id`);--> statement-breakpoint
CREATE INDEX `ops_user_seq_idx` ON `ops` (`user_id`,`server_seq`);--> statement-breakpoint
CREATE TABLE `snapshots` (
	`user_id` text NOT NULL,
	`scope` text NOT NULL,
	`resource_id` text NOT NULL,
	`upto_server_seq` integer NOT NULL,
	`state` text NOT NULL,
	PRIMARY KEY(`user_id`, `scope`, `resource_id`)
);
--> statement-breakpoint
CREATE TABLE `sync_clients` (
	`client_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`last_seen_server_seq` integer DEFAULT 0 NOT NULL,
	`last_seen_at` integer NOT NULL,
	`retired_at` integer
);
--> statement-breakpoint
CREATE INDEX `sync_clients_user_idx` ON `sync_clients` (`user_id`);