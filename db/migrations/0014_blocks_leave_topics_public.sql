-- A block no longer hides the topics a person started (docs/decisions: what a block hides).
-- Topics an earlier block hid come back; what moderation or flags hid stays hidden.
UPDATE `topics` SET `hidden` = 0, `hidden_reason` = NULL WHERE `hidden` = 1 AND `hidden_reason` = 'block';
