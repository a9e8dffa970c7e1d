import type { Job } from "~/utils/jobs.server";
import { anonymiseOldSignatures, closeExpiredPetitions } from "./petitions.server";

const MINUTE = 60_000;

/** Petition jobs: closing at the deadline, anonymising signatures some months after the close. */
export const petitionJobs: Job[] = [
  { name: "petitions-close-expired", everyMs: MINUTE, run: (now) => closeExpiredPetitions(now) },
  { name: "petitions-anonymise-signatures", everyMs: 60 * MINUTE, run: (now) => anonymiseOldSignatures(now) },
];
