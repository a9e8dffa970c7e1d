CREATE TABLE `agenda_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`meeting_id` integer NOT NULL,
	`position` integer NOT NULL,
	`topic_id` integer,
	`title` text,
	`description` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`meeting_id`) REFERENCES `meetings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `agenda_items_position_unique` ON `agenda_items` (`meeting_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `agenda_items_topic_unique` ON `agenda_items` (`meeting_id`,`topic_id`) WHERE topic_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX `agenda_items_topic_idx` ON `agenda_items` (`topic_id`,`meeting_id`);--> statement-breakpoint
CREATE TABLE `council_decisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`agenda_item_id` integer NOT NULL,
	`decision` text NOT NULL,
	`body` text NOT NULL,
	`decided_at` integer NOT NULL,
	`outcome_id` integer,
	`recorded_by` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`agenda_item_id`) REFERENCES `agenda_items`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_decisions_item_unique` ON `council_decisions` (`agenda_item_id`);--> statement-breakpoint
CREATE INDEX `council_decisions_topic_idx` ON `council_decisions` (`topic_id`,`decided_at`);--> statement-breakpoint
CREATE TABLE `council_positions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`councillor_id` text,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`visibility` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`councillor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `council_positions_unique` ON `council_positions` (`topic_id`,`councillor_id`);--> statement-breakpoint
CREATE INDEX `council_positions_councillor_idx` ON `council_positions` (`councillor_id`);--> statement-breakpoint
CREATE TABLE `council_reviews` (
	`topic_id` integer NOT NULL,
	`councillor_id` text NOT NULL,
	`reviewed_at` integer NOT NULL,
	PRIMARY KEY(`topic_id`, `councillor_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`councillor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `council_reviews_councillor_idx` ON `council_reviews` (`councillor_id`);--> statement-breakpoint
CREATE TABLE `council_subscriptions` (
	`user_id` text PRIMARY KEY NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `meetings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`body` text NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`place` text NOT NULL,
	`is_public` integer DEFAULT true NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`submission_key` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `meetings_starts_idx` ON `meetings` (`starts_at`,`id`);--> statement-breakpoint
CREATE INDEX `meetings_public_starts_idx` ON `meetings` (`is_public`,`starts_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `meetings_submission_unique` ON `meetings` (`submission_key`) WHERE submission_key IS NOT NULL;