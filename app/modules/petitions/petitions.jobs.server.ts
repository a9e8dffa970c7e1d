import type { Job } from "~/utils/jobs.server";
import { closeExpiredPetitions } from "./petitions.lifecycle.server";
import { deleteExpiredSignatures } from "./petitions.signing.server";

const MINUTE = 60_000;

/**
 * Petition jobs: closing at the deadline, deleting unconfirmed signatures whose link expired (7
 * days). Telling every signer of an event and anonymising signatures after the close are the
 * support module's jobs (supportJobs), which run after the kinds' so signers hear of a close in
 * the same tick.
 */
export const petitionJobs: Job[] = [
  { name: "petitions-close-expired", everyMs: MINUTE, run: (now) => closeExpiredPetitions(now) },
  { name: "petitions-delete-expired-signatures", everyMs: 60 * MINUTE, run: (now) => deleteExpiredSignatures(now) },
];
