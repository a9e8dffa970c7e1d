import { and, asc, eq, gt, inArray, isNull, or, type SQL } from "drizzle-orm";
import { petitionSponsors, petitions, signatures, topics, users } from "#db/schema";
import { untilNoneLeft, type ErasedPerson, type PersonalDataSource } from "~/modules/accounts/personal-data";
import type { DB, Tx } from "~/utils/db.server";
import { keysetRows, LazyList } from "~/utils/stream.server";
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
  const own = ownSignatures(tx, userId);
  // Thousands for the busiest: read a page at a time while the download is written.
  const signed = new LazyList(function* () {
    const pages = keysetRows(
      (after, limit) =>
        tx
          .select({
            id: signatures.id, petitionId: signatures.topicId, petitionTitle: topics.title, name: signatures.name, email: signatures.email,
            postcode: signatures.postcode, showName: signatures.showName, status: signatures.status,
            createdAt: signatures.createdAt, confirmedAt: signatures.confirmedAt, withdrawnAt: signatures.withdrawnAt,
          })
          .from(signatures)
          .innerJoin(topics, eq(topics.id, signatures.topicId))
          .where(and(own, isNull(signatures.anonymisedAt), gt(signatures.id, after)))
          .orderBy(asc(signatures.id))
          .limit(limit)
          .all(),
      (row) => row.id,
    );
    for (const { id: _id, ...signature } of pages) yield signature;
  });
  const sponsored = tx
    .select({ petitionId: petitionSponsors.topicId, createdAt: petitionSponsors.createdAt })
    .from(petitionSponsors)
    .where(eq(petitionSponsors.userId, userId))
    .all();
  return { petitions: authored, signatures: signed, sponsorships: sponsored };
}

/**
 * Account deletion, a batch at a time: the person's signatures (by account, and as a guest with
 * their confirmed address) are anonymised and keep counting; unconfirmed ones, never counted, go.
 * Each batch takes only rows not yet anonymised, so it marks its own progress.
 */
export function erasePetitionSignatures(tx: Tx, person: ErasedPerson, size: number, now = new Date()): number {
  const byAccount = eq(signatures.userId, person.userId);
  const own = person.emailCanonical ? or(byAccount, eq(signatures.emailCanonical, person.emailCanonical))! : byAccount;
  const batch = tx
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(own, isNull(signatures.anonymisedAt)))
    .limit(size)
    .all()
    .map((s) => s.id);
  if (batch.length === 0) return 0;
  tx.delete(signatures).where(and(inArray(signatures.id, batch), eq(signatures.status, "pending"))).run();
  anonymiseWhere(tx, inArray(signatures.id, batch), now);
  return batch.length;
}

/**
 * Signatures and petitions of a person, for download-my-data and account deletion. Signatures are
 * matched by account, and by the canonical email (guest signatures with the same address) when the
 * account's address is confirmed. Erasing anonymises the signatures but keeps them counted; the
 * petitions they started stay, without them (the shared rule for every kind: authored-topics).
 */
export const petitionPersonalData: PersonalDataSource = {
  name: "petitions",
  collect: (db, userId) => collectPetitionData(db, userId),
  // The public list of signers shows the name given when signing: it leaves the list at once
  // (only the signatures that show a name are changed, through the person's indexes).
  hideAtOnce: (tx, person) => {
    const byAccount = eq(signatures.userId, person.userId);
    const own = person.emailCanonical ? or(byAccount, eq(signatures.emailCanonical, person.emailCanonical))! : byAccount;
    tx.update(signatures).set({ showName: false }).where(and(own, eq(signatures.showName, true))).run();
  },
  erasure: [untilNoneLeft("petitions-signatures", (tx, person, size) => erasePetitionSignatures(tx, person, size))],
};
