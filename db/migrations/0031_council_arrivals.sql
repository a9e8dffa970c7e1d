CREATE TABLE `council_arrivals` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`arrived_at` integer NOT NULL,
	`related` text,
	`related_at` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `council_arrivals_pending_idx` ON `council_arrivals` (`topic_id`) WHERE related_at IS NULL;