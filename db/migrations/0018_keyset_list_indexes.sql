-- Keyed pages of the public lists, the hidden tab of moderation and the accounts list (issue #14).
-- drizzle-kit splits an expression with a comma into two columns: the two coalesce() are written by hand.
DROP INDEX `users_deleted_created_idx`;--> statement-breakpoint
CREATE INDEX `users_deleted_created_idx` ON `users` (`deleted_at`,`created_at`,`id`);--> statement-breakpoint
CREATE INDEX `topics_list_support_idx` ON `topics` (`kind`,`status`,`is_public`,`hidden`,(closed_at IS NULL),`support_count`);--> statement-breakpoint
CREATE INDEX `topics_list_latest_idx` ON `topics` (`kind`,`status`,`is_public`,`hidden`,(closed_at IS NULL),(coalesce(published_at, 0)));--> statement-breakpoint
CREATE INDEX `topics_list_closing_idx` ON `topics` (`kind`,`status`,`is_public`,`hidden`,(closed_at IS NULL),(coalesce(closes_at, 8640000000000000)));--> statement-breakpoint
CREATE INDEX `topics_hidden_idx` ON `topics` (`updated_at`) WHERE hidden = 1;