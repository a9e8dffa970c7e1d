CREATE TABLE `ballot_choices` (
	`topic_id` integer NOT NULL,
	`code` text NOT NULL,
	`option_id` integer NOT NULL,
	PRIMARY KEY(`topic_id`, `code`, `option_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `ballots` (
	`topic_id` integer NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`topic_id`, `code`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `vote_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`position` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`cost` integer,
	`image_url` text,
	`image_alt` text,
	`linked_topic_id` integer,
	`vote_count` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`linked_topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `vote_options_topic_idx` ON `vote_options` (`topic_id`,`position`);--> statement-breakpoint
CREATE TABLE `vote_participations` (
	`topic_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`voted_on` text NOT NULL,
	PRIMARY KEY(`topic_id`, `user_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `vote_participations_user_idx` ON `vote_participations` (`user_id`,`topic_id`);--> statement-breakpoint
CREATE TABLE `vote_turnout_counts` (
	`topic_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`topic_id`, `neighbourhood_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `votes` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`ballot_type` text NOT NULL,
	`max_choices` integer,
	`budget` integer,
	`min_projects` integer,
	`max_projects` integer,
	`allocation_rule` text,
	`opens_at` integer NOT NULL,
	`eligible_who` text NOT NULL,
	`minimum_age` integer,
	`neighbourhood_id` integer,
	`results_shown` text NOT NULL,
	`ballot_count` integer DEFAULT 0 NOT NULL,
	`voters_told_after` text,
	`voters_told_at` integer,
	`result` text,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE restrict
);
