CREATE TABLE `public_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `topics_api_public_idx` ON `topics` (`is_public`,`hidden`);--> statement-breakpoint
CREATE INDEX `topics_api_status_idx` ON `topics` (`status`,`is_public`,`hidden`);--> statement-breakpoint
CREATE INDEX `topics_api_kind_status_idx` ON `topics` (`kind`,`status`,`is_public`,`hidden`);