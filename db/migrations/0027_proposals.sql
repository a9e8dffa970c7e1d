CREATE TABLE `proposals` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`decision` text NOT NULL,
	`admissibility_due_at` integer,
	`admissibility_checked_at` integer,
	`admissibility_checked_by` text,
	`inadmissible_reason` text,
	`admissibility_note` text,
	`earlier_topic_id` integer,
	`threshold` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`admissibility_checked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`earlier_topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `proposals_checked_by_idx` ON `proposals` (`admissibility_checked_by`);--> statement-breakpoint
CREATE INDEX `proposals_admissibility_queue_idx` ON `proposals` (`admissibility_due_at`,`topic_id`) WHERE admissibility_checked_at IS NULL AND admissibility_due_at IS NOT NULL;