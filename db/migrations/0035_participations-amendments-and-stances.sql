-- Amendments (way "amended", bit 16) and stances on a part of a topic (way "stance", bit 32) are
-- written to the participation index since this version; this fills it from what was there before.
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT a.`author_id`, a.`topic_id`, t.`kind`, 16, min(a.`created_at`), max(a.`created_at`), max(a.`created_at`)
  FROM `bylaw_amendments` a JOIN `topics` t ON t.`id` = a.`topic_id` WHERE a.`author_id` IS NOT NULL
 GROUP BY a.`author_id`, a.`topic_id`
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);--> statement-breakpoint
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT s.`user_id`, s.`topic_id`, t.`kind`, 32, min(s.`created_at`), max(coalesce(s.`changed_at`, s.`created_at`)), max(coalesce(s.`changed_at`, s.`created_at`))
  FROM `support_stances` s JOIN `topics` t ON t.`id` = s.`topic_id` WHERE s.`user_id` IS NOT NULL
 GROUP BY s.`user_id`, s.`topic_id`
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);
