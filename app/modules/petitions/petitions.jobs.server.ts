import type { Job } from "~/utils/jobs.server";
import { closeExpiredPetitions } from "./petitions.lifecycle.server";
import { sendSignerMailings } from "./petitions.mailings.server";
import { anonymiseOldSignatures } from "./petitions.signing.server";

const MINUTE = 60_000;

/**
 * Petition jobs: mailing the council's answer to every signer in batches, closing at the deadline,
 * anonymising signatures some months after the close.
 */
export const petitionJobs: Job[] = [
  { name: "petitions-signer-mailings", everyMs: 2_000, run: (now) => sendSignerMailings(now) },
  { name: "petitions-close-expired", everyMs: MINUTE, run: (now) => closeExpiredPetitions(now) },
  { name: "petitions-anonymise-signatures", everyMs: 60 * MINUTE, run: (now) => anonymiseOldSignatures(now) },
];
