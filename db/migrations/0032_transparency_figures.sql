CREATE TABLE `transparency_days` (
	`day` text PRIMARY KEY NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transparency_figures` (
	`day` text NOT NULL,
	`figure` text NOT NULL,
	`kind` text NOT NULL,
	`neighbourhood_id` integer DEFAULT 0 NOT NULL,
	`bucket` integer DEFAULT 0 NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`day`, `figure`, `kind`, `neighbourhood_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `transparency_milestones` (
	`topic_id` integer NOT NULL,
	`milestone` text NOT NULL,
	`kind` text NOT NULL,
	`at` integer NOT NULL,
	`event_id` integer NOT NULL,
	PRIMARY KEY(`topic_id`, `milestone`),
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transparency_milestones_at_idx` ON `transparency_milestones` (`at`);--> statement-breakpoint
CREATE INDEX `transparency_milestones_kind_idx` ON `transparency_milestones` (`kind`,`milestone`,`at`);--> statement-breakpoint
CREATE TABLE `transparency_state` (
	`id` integer PRIMARY KEY NOT NULL,
	`computed_at` integer,
	`events_up_to` integer DEFAULT 0 NOT NULL,
	`moderation_up_to` integer DEFAULT 0 NOT NULL,
	`waiting` text DEFAULT '{}' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `participations_first_idx` ON `participations` (`first_at`);