-- "+tags" fold on every domain now (docs/decisions/007): bring the identities already stored in
-- line. OR IGNORE leaves a row whose folded identity is already taken (someone who signed twice
-- as jan+1@ and jan+2@) as it was, so nothing is merged or lost. An empty local part ("+x@...")
-- and addresses with more than one "@" are left alone.
UPDATE OR IGNORE `users`
SET `email_canonical` = substr(`email_canonical`, 1, instr(`email_canonical`, '+') - 1) || substr(`email_canonical`, instr(`email_canonical`, '@'))
WHERE `email_canonical` IS NOT NULL
  AND instr(`email_canonical`, '+') > 1
  AND instr(`email_canonical`, '+') < instr(`email_canonical`, '@')
  AND length(`email_canonical`) - length(replace(`email_canonical`, '@', '')) = 1;
--> statement-breakpoint
UPDATE OR IGNORE `signatures`
SET `email_canonical` = substr(`email_canonical`, 1, instr(`email_canonical`, '+') - 1) || substr(`email_canonical`, instr(`email_canonical`, '@'))
WHERE instr(`email_canonical`, '+') > 1
  AND instr(`email_canonical`, '+') < instr(`email_canonical`, '@')
  AND length(`email_canonical`) - length(replace(`email_canonical`, '@', '')) = 1;
