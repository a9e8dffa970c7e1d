DROP INDEX `flags_created_idx`;--> statement-breakpoint
CREATE INDEX `flags_target_created_idx` ON `flags` (`target_type`,`target_id`,`created_at`);