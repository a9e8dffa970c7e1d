// A guest's own signature, managed through the private link in their confirmation email (a guest
// has no account and no profile): withdraw it while the petition is open, stop emails about this
// petition, or have their details erased. The link is the confirmation link's token, which stays
// valid once the signature counts and dies with the details (withdrawn or erased).
import { and, eq } from "drizzle-orm";
import { signatures } from "#db/schema";
import type { Locale } from "~/i18n";
import { uncountSupport } from "~/modules/support/support.counts.server";
import { db } from "~/utils/db.server";
import { hashToken, isPlausibleToken } from "~/utils/tokens.server";
import { hasOptedOut, optOut } from "~/utils/unsubscribe.server";
import { fail, findPetition, publicTitle, type Failure, type Result } from "./petitions.server";
import { signabilityProblem } from "./petitions.signing.server";
import { anonymiseWhere } from "./petitions.supporters.server";

/** The path of a guest's private signature page. */
export const guestSignaturePath = (token: string) => `/petitions/signature/${token}`;

interface GuestSignatureRow {
  id: number;
  topicId: number;
  email: string | null;
  status: string;
  neighbourhoodId: number | null;
  confirmedAt: Date | null;
}

function readGuestSignature(token: string): ({ ok: true } & GuestSignatureRow) | Failure {
  if (!isPlausibleToken(token)) return fail("petition.error.invalidLink");
  const row = db
    .select({
      id: signatures.id, topicId: signatures.topicId, email: signatures.email, status: signatures.status,
      neighbourhoodId: signatures.neighbourhoodId, confirmedAt: signatures.confirmedAt,
    })
    .from(signatures)
    .where(eq(signatures.tokenHash, hashToken(token)))
    .get();
  if (!row || !findPetition(row.topicId)) return fail("petition.error.invalidLink");
  return { ok: true, ...row };
}

export interface GuestSignatureView {
  topicId: number;
  title: string;
  /** Not yet confirmed: the page sends them to confirm first. */
  pending: boolean;
  /** Still collecting: the signature can be taken back (else only erased). */
  withdrawable: boolean;
  emailsStopped: boolean;
}

/** What the private page shows: the petition's public title and what can still be done; nothing about the signer. */
export function findGuestSignature(token: string, locale: Locale, now = new Date()): Result<{ view: GuestSignatureView }> {
  const found = readGuestSignature(token);
  if (!found.ok) return found;
  const p = findPetition(found.topicId)!;
  return {
    ok: true,
    view: {
      topicId: p.id,
      title: publicTitle(p, locale),
      pending: found.status === "pending",
      withdrawable: found.status === "confirmed" && !signabilityProblem(p, now),
      emailsStopped: Boolean(found.email && hasOptedOut(found.email, p.id)),
    },
  };
}

/**
 * The guest takes their signature back while the petition is collecting: it stops counting, and
 * their name, address and postcode are erased with the link, in one transaction. Twice is once.
 */
export function withdrawGuestSignature(token: string, now = new Date()): Result<{ topicId: number }> {
  const found = readGuestSignature(token);
  if (!found.ok) return found;
  if (found.status !== "confirmed") return fail("petition.error.invalidLink");
  if (signabilityProblem(findPetition(found.topicId)!, now)) return fail("petition.error.withdrawClosed");
  return db.transaction((tx): Result<{ topicId: number }> => {
    const flipped = tx
      .update(signatures)
      .set({ status: "withdrawn", withdrawnAt: now, name: null, email: null, postcode: null, showName: false, tokenHash: null })
      .where(and(eq(signatures.id, found.id), eq(signatures.status, "confirmed")))
      .run();
    if (flipped.changes === 0) return fail("petition.error.invalidLink");
    uncountSupport(tx, { topicId: found.topicId, neighbourhoodId: found.neighbourhoodId, countedAt: found.confirmedAt ?? now, now });
    return { ok: true, topicId: found.topicId };
  });
}

/**
 * The guest asks for their details to be erased: name, address and postcode go now, as they would
 * some months after the close; a confirmed signature still counts (it was given), an unconfirmed
 * one is deleted. The link stops working.
 */
export function eraseGuestSignature(token: string, now = new Date()): Result<{ topicId: number }> {
  const found = readGuestSignature(token);
  if (!found.ok) return found;
  return db.transaction((tx): Result<{ topicId: number }> => {
    if (found.status === "pending") {
      tx.delete(signatures).where(and(eq(signatures.id, found.id), eq(signatures.status, "pending"))).run();
    } else {
      anonymiseWhere(tx, eq(signatures.id, found.id), now);
    }
    return { ok: true, topicId: found.topicId };
  });
}

/** No more emails about this petition to the address that signed; the signature still counts. */
export function stopGuestEmails(token: string, now = new Date()): Result<{ topicId: number }> {
  const found = readGuestSignature(token);
  if (!found.ok) return found;
  if (found.email) optOut(db, { address: found.email, topicId: found.topicId }, now);
  return { ok: true, topicId: found.topicId };
}
