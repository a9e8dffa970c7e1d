CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`category` text NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`user_id`, `category`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `participations` (
	`user_id` text NOT NULL,
	`topic_id` integer NOT NULL,
	`kind` text NOT NULL,
	`ways` integer DEFAULT 0 NOT NULL,
	`first_at` integer NOT NULL,
	`last_at` integer NOT NULL,
	`seen_at` integer NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `topic_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participations_user_kind_idx` ON `participations` (`user_id`,`kind`);--> statement-breakpoint
CREATE INDEX `next_steps_open_due_idx` ON `next_steps` (`due_at`,`id`) WHERE status <> 'done' AND due_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `topic_events_public_idx` ON `topic_events` (`topic_id`,`created_at`) WHERE is_public = 1;--> statement-breakpoint
-- What people took part in before the index existed: their follows, comments, support and
-- signatures (with an account). Seen up to when they last acted, as new rows are.
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT f.`user_id`, f.`topic_id`, t.`kind`, 1, f.`created_at`, f.`created_at`, f.`created_at`
  FROM `follows` f JOIN `topics` t ON t.`id` = f.`topic_id` WHERE true
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`;--> statement-breakpoint
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT c.`author_id`, c.`topic_id`, t.`kind`, 2, min(c.`created_at`), max(c.`created_at`), max(c.`created_at`)
  FROM `comments` c JOIN `topics` t ON t.`id` = c.`topic_id` WHERE c.`author_id` IS NOT NULL AND c.`deleted_at` IS NULL
 GROUP BY c.`author_id`, c.`topic_id`
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);--> statement-breakpoint
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT s.`user_id`, s.`topic_id`, t.`kind`, 4, s.`counted_at`, s.`counted_at`, s.`counted_at`
  FROM `supports` s JOIN `topics` t ON t.`id` = s.`topic_id` WHERE s.`user_id` IS NOT NULL AND s.`status` = 'counted'
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);--> statement-breakpoint
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT s.`user_id`, s.`topic_id`, t.`kind`, 4, coalesce(s.`confirmed_at`, s.`created_at`), coalesce(s.`confirmed_at`, s.`created_at`), coalesce(s.`confirmed_at`, s.`created_at`)
  FROM `signatures` s JOIN `topics` t ON t.`id` = s.`topic_id` WHERE s.`user_id` IS NOT NULL AND s.`status` = 'confirmed'
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);
