CREATE TABLE `email_opt_outs` (
	`address_canonical` text NOT NULL,
	`topic_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`address_canonical`, `topic_id`)
);
--> statement-breakpoint
CREATE TABLE `app_secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `list_unsubscribe` text;