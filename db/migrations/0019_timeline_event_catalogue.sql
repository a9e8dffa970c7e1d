ALTER TABLE `topic_events` ADD `kind` text;--> statement-breakpoint
ALTER TABLE `topic_events` ADD `actor_role` text DEFAULT 'system' NOT NULL;--> statement-breakpoint
ALTER TABLE `topic_events` ADD `event_key` text;--> statement-breakpoint
-- The events written before the catalogue: their kind from the topic, their actor's role as well
-- as it can still be told, and a key. An event that happens once per topic keeps its type as key, so
-- the outcome service refuses to record it again; the repeatable ones get a key of their own that
-- no new event can have.
UPDATE `topic_events` SET `actor_role` = CASE
  WHEN `actor_id` IS NULL THEN 'system'
  WHEN `actor_id` = (SELECT `author_id` FROM `topics` WHERE `topics`.`id` = `topic_events`.`topic_id`) THEN 'author'
  WHEN EXISTS (SELECT 1 FROM `user_roles` WHERE `user_roles`.`user_id` = `topic_events`.`actor_id` AND `user_roles`.`role` IN ('clerk', 'councillor', 'admin')) THEN 'staff'
  ELSE 'resident' END
WHERE `event_key` IS NULL;--> statement-breakpoint
UPDATE `topic_events` SET `kind` = (SELECT `kind` FROM `topics` WHERE `topics`.`id` = `topic_events`.`topic_id`) WHERE `kind` IS NULL;--> statement-breakpoint
UPDATE `topic_events` SET `event_key` = CASE
  WHEN `type` = 'threshold-reached' AND json_extract(`data`, '$.kind') IS NOT NULL
    AND `id` = (SELECT min(e.`id`) FROM `topic_events` e WHERE e.`topic_id` = `topic_events`.`topic_id` AND e.`type` = 'threshold-reached' AND json_extract(e.`data`, '$.kind') = json_extract(`topic_events`.`data`, '$.kind'))
    THEN 'threshold-reached:' || json_extract(`data`, '$.kind')
  WHEN `type` IN ('threshold-reached', 'scheduled', 'next-step-added', 'next-step-done') THEN 'legacy:' || `id`
  WHEN `id` = (SELECT min(e.`id`) FROM `topic_events` e WHERE e.`topic_id` = `topic_events`.`topic_id` AND e.`type` = `topic_events`.`type`) THEN `type`
  ELSE 'legacy:' || `id` END
WHERE `event_key` IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `topic_events_key_unique` ON `topic_events` (`topic_id`,`event_key`) WHERE event_key IS NOT NULL;--> statement-breakpoint
CREATE INDEX `topic_events_kind_type_idx` ON `topic_events` (`kind`,`type`,`created_at`);--> statement-breakpoint
-- One audit convention: what happened to a topic is under "topic" and its id, whatever its kind
-- (the kind is read through the topic). Entries written as "petition 12" or "discussion 12" move.
UPDATE `audit_log` SET `entity_type` = 'topic' WHERE `entity_type` IN ('petition', 'proposal', 'bylaw', 'vote', 'discussion');
