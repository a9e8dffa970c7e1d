import type { Job } from "~/utils/jobs.server";

/** Petition jobs: closing at the deadline, anonymising signatures. */
export const petitionJobs: Job[] = [];
