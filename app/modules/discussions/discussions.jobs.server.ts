import type { Job } from "~/utils/jobs.server";
import { endExpiredBlocks } from "./moderation.server";

/** Discussion and moderation jobs: lifting blocks whose end date has passed. */
export const discussionJobs: Job[] = [{ name: "end-expired-blocks", everyMs: 5 * 60_000, run: (now) => endExpiredBlocks(now) }];
