CREATE TABLE `petition_mailings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`kind` text NOT NULL,
	`outcome_id` integer NOT NULL,
	`actor_id` text,
	`up_to_signature_id` integer NOT NULL,
	`last_signature_id` integer DEFAULT 0 NOT NULL,
	`mailed_count` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`completed_at` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`outcome_id`) REFERENCES `outcomes`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `petition_mailings_topic_kind_unique` ON `petition_mailings` (`topic_id`,`kind`);--> statement-breakpoint
CREATE INDEX `petition_mailings_pending_idx` ON `petition_mailings` (`completed_at`);--> statement-breakpoint
CREATE INDEX `signatures_topic_status_idx` ON `signatures` (`topic_id`,`status`);