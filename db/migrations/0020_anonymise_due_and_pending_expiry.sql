-- Jobs that read what they have to do, not every closed petition each hour (issue #14).
-- drizzle-kit splits an expression with a comma into two columns: the coalesce() is written by hand.
ALTER TABLE `topics` ADD `supporters_anonymised_at` integer;--> statement-breakpoint
CREATE INDEX `topics_anonymise_due_idx` ON `topics` (`kind`,`closed_at`) WHERE closed_at IS NOT NULL AND supporters_anonymised_at IS NULL;--> statement-breakpoint
CREATE INDEX `signatures_pending_expiry_idx` ON `signatures` ((coalesce(confirmation_sent_at, created_at))) WHERE status = 'pending';
