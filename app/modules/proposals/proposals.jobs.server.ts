import type { Job } from "~/utils/jobs.server";
import { expireProposals } from "./proposals.server";

const MINUTE = 60_000;

/**
 * Expiring proposals whose window ended short of the threshold, in short batches. Telling their
 * supporters is the support module's mailing job, which runs after the kinds' jobs.
 */
export const proposalJobs: Job[] = [{ name: "proposals-expire", everyMs: MINUTE, run: (now) => expireProposals(now) }];
