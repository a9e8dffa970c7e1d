DROP INDEX `topics_author_idx`;--> statement-breakpoint
CREATE INDEX `topics_author_kind_idx` ON `topics` (`author_id`,`kind`,`created_at`);--> statement-breakpoint
CREATE INDEX `signatures_user_signed_idx` ON `signatures` (`user_id`,`status`,`confirmed_at`);