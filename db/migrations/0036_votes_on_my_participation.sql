-- Casting a ballot is written to the participation index (way "voted", bit 8) since this version;
-- this fills it from the voter records already there. Only the day a person voted is known (the
-- secret ballot keeps no moment), so it is taken at noon of that day.
INSERT INTO `participations` (`user_id`, `topic_id`, `kind`, `ways`, `first_at`, `last_at`, `seen_at`)
SELECT v.`user_id`, v.`topic_id`, t.`kind`, 8, unixepoch(v.`voted_on` || ' 12:00') * 1000, unixepoch(v.`voted_on` || ' 12:00') * 1000, unixepoch(v.`voted_on` || ' 12:00') * 1000
  FROM `vote_participations` v JOIN `topics` t ON t.`id` = v.`topic_id`
ON CONFLICT (`user_id`, `topic_id`) DO UPDATE SET `ways` = `ways` | excluded.`ways`,
  `first_at` = min(`first_at`, excluded.`first_at`), `last_at` = max(`last_at`, excluded.`last_at`), `seen_at` = max(`seen_at`, excluded.`seen_at`);
