import type { Job } from "~/utils/jobs.server";
import { gatherRelatedTopics } from "./council.arrivals.server";

const MINUTE = 60_000;

/** The related topics of what reached the council, gathered off the request path for the briefing's cards. */
export const councilJobs: Job[] = [{ name: "council-related-topics", everyMs: MINUTE, run: (now) => gatherRelatedTopics(now) }];
