import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { petitionSponsors, petitions, signatures, topics, users } from "#db/schema";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import type { DB, Tx } from "~/utils/db.server";
import { anonymiseWhere } from "./petitions.supporters.server";

/**
 * A person's signatures: those made with their account, and those made with their address as a
 * guest, but the latter only once the account's address is confirmed. Anyone can register with
 * someone else's address (and sign in before confirming it): such an account must never read or
 * erase the guest signatures of the address's real owner.
 */
function ownSignatures(tx: DB | Tx, userId: string): SQL {
  const person = tx
    .select({ emailCanonical: users.emailCanonical, emailVerifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  const byAccount = eq(signatures.userId, userId);
  if (!person?.emailCanonical || !person.emailVerifiedAt) return byAccount;
  return or(byAccount, eq(signatures.emailCanonical, person.emailCanonical))!;
}

export function collectPetitionData(tx: DB | Tx, userId: string) {
  const authored = tx
    .select({ id: topics.id, title: topics.title, request: petitions.request, background: topics.body, status: topics.status, createdAt: topics.createdAt, submittedAt: topics.submittedAt, publishedAt: topics.publishedAt })
    .from(topics)
    .innerJoin(petitions, eq(petitions.topicId, topics.id))
    .where(and(eq(topics.kind, "petition"), eq(topics.authorId, userId)))
    .all();
  const signed = tx
    .select({
      petitionId: signatures.topicId, petitionTitle: topics.title, name: signatures.name, email: signatures.email,
      postcode: signatures.postcode, showName: signatures.showName, status: signatures.status,
      createdAt: signatures.createdAt, confirmedAt: signatures.confirmedAt, withdrawnAt: signatures.withdrawnAt,
    })
    .from(signatures)
    .innerJoin(topics, eq(topics.id, signatures.topicId))
    .where(and(ownSignatures(tx, userId), isNull(signatures.anonymisedAt)))
    .all();
  const sponsored = tx
    .select({ petitionId: petitionSponsors.topicId, createdAt: petitionSponsors.createdAt })
    .from(petitionSponsors)
    .where(eq(petitionSponsors.userId, userId))
    .all();
  return { petitions: authored, signatures: signed, sponsorships: sponsored };
}

/** Account deletion: signatures are anonymised but keep counting; authored petitions stay with their author id. */
export function erasePetitionData(tx: Tx, userId: string, now = new Date()): void {
  const own = ownSignatures(tx, userId);
  tx.delete(signatures).where(and(own, eq(signatures.status, "pending"))).run();
  anonymiseWhere(tx, own, now);
}

/**
 * Signatures and petitions of a person, for download-my-data and account deletion. Signatures are
 * matched by account, and by the canonical email (guest signatures with the same address) when the
 * account's address is confirmed.
 * Erasing anonymises the signatures but keeps them counted; authored petitions stay with the author id.
 */
export const petitionPersonalData: PersonalDataSource = {
  name: "petitions",
  collect: (db, userId) => collectPetitionData(db, userId),
  erase: (tx, userId) => erasePetitionData(tx, userId),
};
