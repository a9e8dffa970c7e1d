ALTER TABLE `topics` ADD `submission_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `topics_author_submission_unique` ON `topics` (`author_id`,`submission_key`) WHERE submission_key IS NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `submission_key` text;--> statement-breakpoint
CREATE UNIQUE INDEX `comments_author_submission_unique` ON `comments` (`author_id`,`submission_key`) WHERE submission_key IS NOT NULL;