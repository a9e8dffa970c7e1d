-- The secret ballot (docs/decisions/005): the ballot tables and the voter record keep no rowid, so
-- their physical order is that of their keys (random ballot codes, user ids), not of arrival.
-- drizzle-kit cannot write WITHOUT ROWID; the tables it made in 0024 are empty, and made again here.
DROP TABLE `ballot_choices`;
--> statement-breakpoint
DROP TABLE `ballots`;
--> statement-breakpoint
DROP TABLE `vote_participations`;
--> statement-breakpoint
CREATE TABLE `ballots` (
	`topic_id` integer NOT NULL,
	`code` text NOT NULL,
	PRIMARY KEY(`topic_id`, `code`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `ballot_choices` (
	`topic_id` integer NOT NULL,
	`code` text NOT NULL,
	`option_id` integer NOT NULL,
	PRIMARY KEY(`topic_id`, `code`, `option_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `vote_participations` (
	`topic_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`voted_on` text NOT NULL,
	PRIMARY KEY(`topic_id`, `user_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `vote_participations_user_idx` ON `vote_participations` (`user_id`,`topic_id`);
