CREATE TABLE `petition_sponsors` (
	`topic_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`topic_id`, `user_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `petitions` (
	`topic_id` integer PRIMARY KEY NOT NULL,
	`request` text NOT NULL,
	`requested_closes_at` integer,
	`rejection_code` text,
	`rejection_note` text,
	`rejected_at` integer,
	`hide_text` integer DEFAULT false NOT NULL,
	`withheld_title` text,
	`withheld_request` text,
	`withheld_body` text,
	`response_threshold` integer,
	`debate_threshold` integer,
	`response_requested_at` integer,
	`debate_requested_at` integer,
	`debate_scheduled_for` integer,
	`responded_at` integer,
	`debated_at` integer,
	`sponsors_required` integer DEFAULT 0 NOT NULL,
	`sponsor_count` integer DEFAULT 0 NOT NULL,
	`sponsor_token` text,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `signature_daily_counts` (
	`topic_id` integer NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`topic_id`, `day`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `signature_neighbourhood_counts` (
	`topic_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`topic_id`, `neighbourhood_id`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `signatures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`topic_id` integer NOT NULL,
	`user_id` text,
	`name` text,
	`email` text,
	`email_canonical` text NOT NULL,
	`postcode` text,
	`neighbourhood_id` integer,
	`show_name` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`locale` text DEFAULT 'nl' NOT NULL,
	`token_hash` text,
	`confirmation_sent_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`confirmed_at` integer,
	`withdrawn_at` integer,
	`anonymised_at` integer,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_topic_email_unique` ON `signatures` (`topic_id`,`email_canonical`);--> statement-breakpoint
CREATE UNIQUE INDEX `signatures_token_unique` ON `signatures` (`token_hash`);--> statement-breakpoint
CREATE INDEX `signatures_public_names_idx` ON `signatures` (`topic_id`,`show_name`,`status`,`confirmed_at`);--> statement-breakpoint
CREATE INDEX `signatures_user_idx` ON `signatures` (`user_id`);--> statement-breakpoint
CREATE INDEX `signatures_email_idx` ON `signatures` (`email_canonical`);