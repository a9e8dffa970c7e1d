-- The support primitive (decision 009): the petition's counts and signer mailings become every
-- supporting kind's. Renamed, not recreated, so every count and every mailing half-way is kept.
ALTER TABLE `signature_daily_counts` RENAME TO `support_daily_counts`;--> statement-breakpoint
ALTER TABLE `signature_neighbourhood_counts` RENAME TO `support_neighbourhood_counts`;--> statement-breakpoint
ALTER TABLE `petition_mailings` RENAME TO `support_mailings`;--> statement-breakpoint
ALTER TABLE `support_mailings` RENAME COLUMN `up_to_signature_id` TO `up_to_supporter_id`;--> statement-breakpoint
ALTER TABLE `support_mailings` RENAME COLUMN `last_signature_id` TO `last_supporter_id`;--> statement-breakpoint
DROP INDEX `petition_mailings_topic_event_unique`;--> statement-breakpoint
DROP INDEX `petition_mailings_pending_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `support_mailings_topic_event_unique` ON `support_mailings` (`topic_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `support_mailings_pending_idx` ON `support_mailings` (`completed_at`);--> statement-breakpoint
-- Supporters of kinds that keep no supporter table of their own.
CREATE TABLE `supports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` text,
	`status` text NOT NULL,
	`neighbourhood_id` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`counted_at` integer NOT NULL,
	`withdrawn_at` integer,
	`anonymised_at` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `supports_topic_user_unique` ON `supports` (`topic_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `supports_user_idx` ON `supports` (`user_id`,`topic_id`);--> statement-breakpoint
CREATE INDEX `supports_topic_status_idx` ON `supports` (`topic_id`,`status`);--> statement-breakpoint
CREATE INDEX `supports_unanonymised_idx` ON `supports` (`topic_id`) WHERE anonymised_at IS NULL;
