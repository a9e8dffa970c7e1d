CREATE TABLE `letter_codes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code_hash` text NOT NULL,
	`postcode` text NOT NULL,
	`batch` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`used_by` text,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`used_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letter_codes_hash_unique` ON `letter_codes` (`code_hash`);--> statement-breakpoint
CREATE INDEX `letter_codes_batch_idx` ON `letter_codes` (`batch`);--> statement-breakpoint
CREATE INDEX `letter_codes_used_by_idx` ON `letter_codes` (`used_by`);--> statement-breakpoint
CREATE TABLE `resident_verifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`method` text NOT NULL,
	`evidence` text,
	`verified_by` text,
	`letter_code_id` integer,
	`postcode` text NOT NULL,
	`verified_at` integer NOT NULL,
	`revoked_at` integer,
	`revoked_by` text,
	`revocation_reason` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`letter_code_id`) REFERENCES `letter_codes`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`revoked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `resident_verifications_in_force_unique` ON `resident_verifications` (`user_id`) WHERE revoked_at IS NULL;--> statement-breakpoint
CREATE INDEX `resident_verifications_user_idx` ON `resident_verifications` (`user_id`,`verified_at`);--> statement-breakpoint
ALTER TABLE `users` ADD `birth_date` text;