import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { petitionSponsors, petitions, signatures, topics, users } from "#db/schema";
import type { PersonalDataSource } from "~/modules/accounts/personal-data";
import type { DB, Tx } from "~/utils/db.server";
import { anonymiseWhere } from "./petitions.signing.server";

/** A person's signatures: those made with their account and those made with their address as a guest. */
function ownSignatures(userId: string, emailCanonical: string | null): SQL {
  return emailCanonical ? or(eq(signatures.userId, userId), eq(signatures.emailCanonical, emailCanonical))! : eq(signatures.userId, userId);
}

export function collectPetitionData(tx: DB | Tx, userId: string) {
  const person = tx.select({ emailCanonical: users.emailCanonical }).from(users).where(eq(users.id, userId)).get();
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
    .where(and(ownSignatures(userId, person?.emailCanonical ?? null), isNull(signatures.anonymisedAt)))
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
  const person = tx.select({ emailCanonical: users.emailCanonical }).from(users).where(eq(users.id, userId)).get();
  tx.delete(signatures).where(and(ownSignatures(userId, person?.emailCanonical ?? null), eq(signatures.status, "pending"))).run();
  anonymiseWhere(tx, ownSignatures(userId, person?.emailCanonical ?? null), now);
}

/**
 * Signatures and petitions of a person, for download-my-data and account deletion. Signatures are
 * matched by account and by the canonical email (guest signatures with the same address).
 * Erasing anonymises the signatures but keeps them counted; authored petitions stay with the author id.
 */
export const petitionPersonalData: PersonalDataSource = {
  name: "petitions",
  collect: (db, userId) => collectPetitionData(db, userId),
  erase: (tx, userId) => erasePetitionData(tx, userId),
};
