PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_petition_mailings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`event_key` text NOT NULL,
	`notice` text NOT NULL,
	`outcome_id` integer,
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
INSERT INTO `__new_petition_mailings`("id", "topic_id", "event_key", "notice", "outcome_id", "actor_id", "up_to_signature_id", "last_signature_id", "mailed_count", "created_at", "completed_at") SELECT m."id", m."topic_id", m."kind", json_object('type', CASE m."kind" WHEN 'response' THEN 'petition.notification.responded' ELSE 'petition.notification.debated' END, 'data', json_object('title', t."title"), 'link', '/petitions/' || m."topic_id", 'email', 'outcome'), m."outcome_id", m."actor_id", m."up_to_signature_id", m."last_signature_id", m."mailed_count", m."created_at", m."completed_at" FROM `petition_mailings` m JOIN `topics` t ON t."id" = m."topic_id";--> statement-breakpoint
DROP TABLE `petition_mailings`;--> statement-breakpoint
ALTER TABLE `__new_petition_mailings` RENAME TO `petition_mailings`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `petition_mailings_topic_event_unique` ON `petition_mailings` (`topic_id`,`event_key`);--> statement-breakpoint
CREATE INDEX `petition_mailings_pending_idx` ON `petition_mailings` (`completed_at`);