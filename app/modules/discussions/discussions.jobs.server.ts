import type { Job } from "~/utils/jobs.server";

/** Discussion and moderation jobs (e.g. ending blocks whose end date passed). */
export const discussionJobs: Job[] = [];
