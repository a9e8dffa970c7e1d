import type { Job } from "~/utils/jobs.server";
import { anonymiseSupporters } from "./support.anonymise.server";
import { sendSupporterMailings } from "./support.mailings.server";

const MINUTE = 60_000;

/**
 * The support module's jobs, for every kind that takes support: telling every supporter of an
 * event (the council's answer, the close, next steps, ...) in batches, and anonymising supporters
 * some months after the close.
 */
export const supportJobs: Job[] = [
  { name: "support-mailings", everyMs: 2_000, run: (now) => sendSupporterMailings(now) },
  { name: "support-anonymise", everyMs: 60 * MINUTE, run: (now) => anonymiseSupporters(now) },
];
