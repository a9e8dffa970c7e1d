CREATE TABLE `comment_part_counts` (
	`topic_id` integer NOT NULL,
	`part_id` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`topic_id`, `part_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `support_stances` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`subject_id` integer NOT NULL,
	`user_id` text,
	`stance` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`changed_at` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `support_stances_subject_user_unique` ON `support_stances` (`topic_id`,`subject_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `support_stances_user_idx` ON `support_stances` (`user_id`);--> statement-breakpoint
CREATE TABLE `bylaw_amendments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`article_id` integer NOT NULL,
	`version_number` integer NOT NULL,
	`type` text NOT NULL,
	`heading` text DEFAULT '' NOT NULL,
	`text` text DEFAULT '' NOT NULL,
	`rationale` text NOT NULL,
	`author_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`decision_reason` text,
	`decided_at` integer,
	`merged_in_version` integer,
	`support_count` integer DEFAULT 0 NOT NULL,
	`oppose_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`submission_key` text,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`article_id`) REFERENCES `bylaw_articles`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `bylaw_amendments_article_idx` ON `bylaw_amendments` (`article_id`,`id`);--> statement-breakpoint
CREATE INDEX `bylaw_amendments_topic_status_idx` ON `bylaw_amendments` (`topic_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `bylaw_amendments_author_idx` ON `bylaw_amendments` (`author_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `bylaw_amendments_author_submission_unique` ON `bylaw_amendments` (`author_id`,`submission_key`) WHERE submission_key IS NOT NULL;--> statement-breakpoint
CREATE TABLE `bylaw_articles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`amendment_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `bylaw_articles_topic_idx` ON `bylaw_articles` (`topic_id`);--> statement-breakpoint
CREATE TABLE `bylaw_versions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`number` integer NOT NULL,
	`introduction` text DEFAULT '' NOT NULL,
	`articles` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`author_id` text,
	`published_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `bylaw_versions_topic_number_unique` ON `bylaw_versions` (`topic_id`,`number`);--> statement-breakpoint
ALTER TABLE `comments` ADD `part_id` integer;--> statement-breakpoint
CREATE INDEX `comments_part_thread_idx` ON `comments` (`topic_id`,`part_id`,`parent_id`,`created_at`) WHERE part_id IS NOT NULL;