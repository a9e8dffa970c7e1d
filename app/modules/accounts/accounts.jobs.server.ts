import type { Job } from "~/utils/jobs.server";
import { eraseDeletedAccounts } from "./accounts.privacy.server";

/** Account jobs: erasing what a deleted account left, in batches, until done (account_erasures). */
export const accountJobs: Job[] = [
  // Often, so mail that names a deleted person (held from delivery until then) is rewritten soon;
  // at most a few seconds a run, so the other jobs keep their turn.
  { name: "accounts-erase-deleted", everyMs: 2_000, run: (now) => eraseDeletedAccounts(now, { budgetMs: 3_000 }) },
];
