import type { Job } from "~/utils/jobs.server";
import { endExpiredBlocks } from "./blocks.server";

/** Moderation jobs: lifting blocks whose end date has passed. */
export const moderationJobs: Job[] = [{ name: "end-expired-blocks", everyMs: 5 * 60_000, run: (now) => endExpiredBlocks(now) }];
