import type { Job } from "~/utils/jobs.server";
import { closeExpiredPetitions } from "./petitions.lifecycle.server";
import { sendSignerMailings } from "./petitions.mailings.server";
import { anonymiseOldSignatures, deleteExpiredSignatures } from "./petitions.signing.server";

const MINUTE = 60_000;

/**
 * Petition jobs: closing at the deadline, telling every signer of an event (the council's answer,
 * the close, next steps, ...) in batches, anonymising signatures some months after the close,
 * deleting unconfirmed signatures whose link expired (7 days).
 * Closing runs first, so the signers hear of a close in the same tick.
 */
export const petitionJobs: Job[] = [
  { name: "petitions-close-expired", everyMs: MINUTE, run: (now) => closeExpiredPetitions(now) },
  { name: "petitions-signer-mailings", everyMs: 2_000, run: (now) => sendSignerMailings(now) },
  { name: "petitions-anonymise-signatures", everyMs: 60 * MINUTE, run: (now) => anonymiseOldSignatures(now) },
  { name: "petitions-delete-expired-signatures", everyMs: 60 * MINUTE, run: (now) => deleteExpiredSignatures(now) },
];
