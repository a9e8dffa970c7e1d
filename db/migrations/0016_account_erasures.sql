CREATE TABLE `account_erasures` (
	`user_id` text PRIMARY KEY NOT NULL,
	`display_name` text,
	`email_canonical` text,
	`step` text,
	`cursor` integer DEFAULT 0 NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`requested_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `account_erasures_pending_idx` ON `account_erasures` (`requested_at`) WHERE finished_at IS NULL;--> statement-breakpoint
CREATE INDEX `email_outbox_unexpired_idx` ON `email_outbox` (`created_at`) WHERE text <> '';--> statement-breakpoint
CREATE INDEX `email_outbox_created_idx` ON `email_outbox` (`created_at`);