-- The open API's change counters (public_versions): every write to a row the API shows raises the
-- counter of its kind (or of the meetings), in the writing transaction, so an ETag made of the
-- counters changes with every answer it stands for. Only the columns the API shows count: a
-- topic's updated_at or the anonymisation mark do not make every client fetch again.
CREATE TRIGGER `public_versions_topic_insert` AFTER INSERT ON `topics` BEGIN
  INSERT INTO public_versions (scope, version) VALUES (NEW.kind, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_topic_update` AFTER UPDATE OF kind, title, summary, status, is_public, hidden, author_id, neighbourhood_id, published_at, closes_at, closed_at, support_count, comment_count, follower_count ON `topics` BEGIN
  INSERT INTO public_versions (scope, version) VALUES (NEW.kind, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO public_versions (scope, version) SELECT OLD.kind, 1 WHERE OLD.kind <> NEW.kind ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_topic_delete` AFTER DELETE ON `topics` BEGIN
  INSERT INTO public_versions (scope, version) VALUES (OLD.kind, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_event_insert` AFTER INSERT ON `topic_events` WHEN NEW.is_public = 1 BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_event_update` AFTER UPDATE ON `topic_events` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_outcomes_insert` AFTER INSERT ON `outcomes` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_outcomes_update` AFTER UPDATE ON `outcomes` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = OLD.topic_id AND OLD.topic_id <> NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_outcomes_delete` AFTER DELETE ON `outcomes` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = OLD.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_next_steps_insert` AFTER INSERT ON `next_steps` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_next_steps_update` AFTER UPDATE ON `next_steps` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = OLD.topic_id AND OLD.topic_id <> NEW.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_next_steps_delete` AFTER DELETE ON `next_steps` BEGIN
  INSERT INTO public_versions (scope, version) SELECT kind, 1 FROM topics WHERE id = OLD.topic_id ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_neighbourhood_update` AFTER UPDATE OF name ON `neighbourhoods` BEGIN
  UPDATE public_versions SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_meetings_insert` AFTER INSERT ON `meetings` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_meetings_update` AFTER UPDATE ON `meetings` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_meetings_delete` AFTER DELETE ON `meetings` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_agenda_items_insert` AFTER INSERT ON `agenda_items` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_agenda_items_update` AFTER UPDATE ON `agenda_items` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_agenda_items_delete` AFTER DELETE ON `agenda_items` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_council_decisions_insert` AFTER INSERT ON `council_decisions` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_council_decisions_update` AFTER UPDATE ON `council_decisions` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `public_versions_council_decisions_delete` AFTER DELETE ON `council_decisions` BEGIN
  INSERT INTO public_versions (scope, version) VALUES ('meetings', 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1;
END;
