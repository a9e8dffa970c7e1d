ALTER TABLE `email_outbox` ADD `concerns` text;--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `actor_id` text;--> statement-breakpoint
CREATE INDEX `email_outbox_concerns_idx` ON `email_outbox` (`concerns`) WHERE concerns IS NOT NULL;--> statement-breakpoint
CREATE INDEX `email_outbox_actor_idx` ON `email_outbox` (`actor_id`) WHERE actor_id IS NOT NULL;--> statement-breakpoint
ALTER TABLE `notifications` ADD `actor_id` text;--> statement-breakpoint
ALTER TABLE `notifications` ADD `concerns` text;--> statement-breakpoint
CREATE INDEX `notifications_concerns_idx` ON `notifications` (`concerns`) WHERE concerns IS NOT NULL;--> statement-breakpoint
-- Notices about comments carried the comment id and the author's name in their JSON data, and
-- their mail only the dedupe key "comment:<id>:<new|reply>:<recipient>": give them their columns
-- and take the copied name out of the inbox rows (it is read from the account when shown).
UPDATE `notifications`
   SET `concerns` = 'comment:' || json_extract(`data`, '$.commentId'),
       `actor_id` = (SELECT `author_id` FROM `comments` WHERE `comments`.`id` = json_extract(`notifications`.`data`, '$.commentId')),
       `data` = json_remove(`data`, '$.name')
 WHERE json_extract(`data`, '$.commentId') IS NOT NULL;
--> statement-breakpoint
UPDATE `email_outbox`
   SET `concerns` = 'comment:' || CAST(substr(`dedupe_key`, 9, instr(substr(`dedupe_key`, 9), ':') - 1) AS INTEGER)
 WHERE `dedupe_key` LIKE 'comment:%';
--> statement-breakpoint
UPDATE `email_outbox`
   SET `actor_id` = (SELECT `author_id` FROM `comments` WHERE `comments`.`id` = CAST(substr(`email_outbox`.`concerns`, 9) AS INTEGER))
 WHERE `concerns` IS NOT NULL;
