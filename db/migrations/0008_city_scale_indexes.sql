DROP INDEX `topics_kind_status_idx`;--> statement-breakpoint
CREATE INDEX `topics_public_latest_idx` ON `topics` (`is_public`,`hidden`,`published_at`);--> statement-breakpoint
CREATE INDEX `topics_kind_public_latest_idx` ON `topics` (`kind`,`is_public`,`hidden`,`published_at`);--> statement-breakpoint
CREATE INDEX `topics_kind_public_support_idx` ON `topics` (`kind`,`is_public`,`hidden`,`support_count`);--> statement-breakpoint
CREATE INDEX `topics_kind_status_idx` ON `topics` (`kind`,`status`,`is_public`,`hidden`,`closed_at`);--> statement-breakpoint
DROP INDEX `audit_log_actor_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor_id`,`created_at`);--> statement-breakpoint
DROP INDEX `signatures_user_idx`;--> statement-breakpoint
CREATE INDEX `signatures_unanonymised_idx` ON `signatures` (`topic_id`,`status`) WHERE anonymised_at IS NULL;--> statement-breakpoint
CREATE INDEX `signatures_user_idx` ON `signatures` (`user_id`,`topic_id`);--> statement-breakpoint
DROP INDEX `comments_author_idx`;--> statement-breakpoint
CREATE INDEX `comments_hidden_idx` ON `comments` (`hidden_at`) WHERE hidden_by IS NOT NULL;--> statement-breakpoint
CREATE INDEX `comments_author_idx` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `user_roles_role_idx` ON `user_roles` (`role`);--> statement-breakpoint
CREATE INDEX `users_deleted_created_idx` ON `users` (`deleted_at`,`created_at`);--> statement-breakpoint
CREATE INDEX `notifications_unread_idx` ON `notifications` (`user_id`,`created_at`) WHERE read_at IS NULL;--> statement-breakpoint
CREATE INDEX `notifications_digest_idx` ON `notifications` (`user_id`,`created_at`) WHERE digest_pending = 1;--> statement-breakpoint
-- Search holds only what anyone may find (public, not hidden), so visibility is decided inside the
-- full-text index and never by joining every match to its topic. Two indexes over the same text:
-- the word index (unicode61) ranks whole words; the trigram index finds parts of Dutch compound
-- words ("park" in Stadspark, "licht" in straatverlichting).
DROP TRIGGER `topics_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `topics_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `topics_fts_au`;
--> statement-breakpoint
INSERT INTO topics_fts(topics_fts) VALUES ('delete-all');
--> statement-breakpoint
INSERT INTO topics_fts(rowid, title, summary, body) SELECT id, title, summary, body FROM topics WHERE is_public = 1 AND hidden = 0;
--> statement-breakpoint
CREATE VIRTUAL TABLE `topics_trigram` USING fts5(title, summary, body, content='topics', content_rowid='id', tokenize='trigram remove_diacritics 1');
--> statement-breakpoint
INSERT INTO topics_trigram(rowid, title, summary, body) SELECT id, title, summary, body FROM topics WHERE is_public = 1 AND hidden = 0;
--> statement-breakpoint
CREATE TRIGGER `topics_search_ai` AFTER INSERT ON `topics` WHEN new.is_public = 1 AND new.hidden = 0 BEGIN
  INSERT INTO topics_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
  INSERT INTO topics_trigram(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `topics_search_ad` AFTER DELETE ON `topics` WHEN old.is_public = 1 AND old.hidden = 0 BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO topics_trigram(topics_trigram, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
--> statement-breakpoint
-- Counter updates (support_count on every signature) name none of these columns and fire nothing.
CREATE TRIGGER `topics_search_au` AFTER UPDATE OF title, summary, body, is_public, hidden ON `topics` BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, title, summary, body) SELECT 'delete', old.id, old.title, old.summary, old.body WHERE old.is_public = 1 AND old.hidden = 0;
  INSERT INTO topics_trigram(topics_trigram, rowid, title, summary, body) SELECT 'delete', old.id, old.title, old.summary, old.body WHERE old.is_public = 1 AND old.hidden = 0;
  INSERT INTO topics_fts(rowid, title, summary, body) SELECT new.id, new.title, new.summary, new.body WHERE new.is_public = 1 AND new.hidden = 0;
  INSERT INTO topics_trigram(rowid, title, summary, body) SELECT new.id, new.title, new.summary, new.body WHERE new.is_public = 1 AND new.hidden = 0;
END;
