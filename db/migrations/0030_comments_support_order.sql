DROP INDEX `comments_support_idx`;--> statement-breakpoint
CREATE INDEX `comments_support_idx` ON `comments` (`topic_id`,`parent_id`,upvote_count DESC,`created_at`);