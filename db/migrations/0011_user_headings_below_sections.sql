-- User markdown's headings now start at level 3 (app/utils/markdown.server.ts), below the page's
-- title and its sections. Stored HTML moves down one level the same way (h4 first, so no heading
-- moves twice). The sanitiser writes headings without attributes, and a user's literal "<h2>" is
-- stored escaped ("&lt;h2&gt;"), so only real headings match.
UPDATE `topics` SET `body_html` = replace(replace(replace(replace(replace(replace(`body_html`, '<h4>', '<h5>'), '</h4>', '</h5>'), '<h3>', '<h4>'), '</h3>', '</h4>'), '<h2>', '<h3>'), '</h2>', '</h3>')
WHERE `body_html` LIKE '%<h_>%';
--> statement-breakpoint
UPDATE `comments` SET `body_html` = replace(replace(replace(replace(replace(replace(`body_html`, '<h4>', '<h5>'), '</h4>', '</h5>'), '<h3>', '<h4>'), '</h3>', '</h4>'), '<h2>', '<h3>'), '</h2>', '</h3>')
WHERE `body_html` LIKE '%<h_>%';
--> statement-breakpoint
UPDATE `outcomes` SET `body_html` = replace(replace(replace(replace(replace(replace(`body_html`, '<h4>', '<h5>'), '</h4>', '</h5>'), '<h3>', '<h4>'), '</h3>', '</h4>'), '<h2>', '<h3>'), '</h2>', '</h3>')
WHERE `body_html` LIKE '%<h_>%';
