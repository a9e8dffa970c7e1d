-- Full-text index over topics, kept in sync by triggers (external content table).
CREATE VIRTUAL TABLE `topics_fts` USING fts5(title, summary, body, content='topics', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
--> statement-breakpoint
CREATE TRIGGER `topics_fts_ai` AFTER INSERT ON `topics` BEGIN
  INSERT INTO topics_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `topics_fts_ad` AFTER DELETE ON `topics` BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `topics_fts_au` AFTER UPDATE OF title, summary, body ON `topics` BEGIN
  INSERT INTO topics_fts(topics_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO topics_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
