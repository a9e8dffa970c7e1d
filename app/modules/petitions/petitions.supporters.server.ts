// A petition's signatures as the support module's supporter store: what a mailing to every signer
// walks, and what anonymisation erases some months after the close (the counts stay). Guests sign
// too, so signatures are the petition's own table rather than the support module's `supports`.
import { and, asc, eq, gt, inArray, isNull, lte, sql, type SQL } from "drizzle-orm";
import { COUNCIL_OUTCOME_TYPE, signatures } from "#db/schema";
import type { SupportMailingWords, SupporterStore } from "~/modules/support/support.policy";
import { getSetting } from "~/modules/settings/settings.server";
import type { Tx } from "~/utils/db.server";
import { findPetition, publicTitle } from "./petitions.server";

/** What an anonymised signature keeps: status, neighbourhood and dates, so every count stays right. */
export function anonymiseWhere(tx: Tx, where: SQL, now: Date): number {
  return tx
    .update(signatures)
    .set({
      name: null, email: null, postcode: null, userId: null, tokenHash: null, showName: false,
      emailCanonical: sql`'anon:' || ${signatures.id}`, anonymisedAt: now,
    })
    .where(and(where, isNull(signatures.anonymisedAt)))
    .run().changes;
}

export const petitionSigners: SupporterStore = {
  // The highest id of any signature bounds this petition's too, and SQLite reads it off the rowid at once.
  lastId: (tx) => tx.select({ id: sql<number | null>`max(${signatures.id})` }).from(signatures).get()?.id ?? 0,
  batch: (tx, q) =>
    tx
      .select({ id: signatures.id, userId: signatures.userId, email: signatures.email, name: signatures.name, locale: signatures.locale })
      .from(signatures)
      .where(
        and(
          eq(signatures.topicId, q.topicId),
          eq(signatures.status, "confirmed"),
          gt(signatures.id, q.after),
          lte(signatures.id, q.upTo),
          lte(signatures.confirmedAt, q.countedBy),
        ),
      )
      .orderBy(asc(signatures.id))
      .limit(q.limit)
      .all(),
  accountsAmong(tx, topicId, userIds, upTo) {
    const found = new Set<string>();
    for (let i = 0; i < userIds.length; i += 500) {
      const rows = tx
        .select({ id: signatures.userId })
        .from(signatures)
        .where(and(eq(signatures.topicId, topicId), eq(signatures.status, "confirmed"), lte(signatures.id, upTo), inArray(signatures.userId, userIds.slice(i, i + 500))))
        .all();
      for (const r of rows) found.add(r.id!);
    }
    return found;
  },
  // Unconfirmed signatures, never counted, are deleted; the others lose everything personal.
  anonymiseBatch(tx, topicId, limit, now) {
    const batch = tx
      .select({ id: signatures.id })
      .from(signatures)
      .where(and(eq(signatures.topicId, topicId), isNull(signatures.anonymisedAt)))
      .limit(limit)
      .all()
      .map((row) => row.id);
    if (batch.length === 0) return 0;
    tx.delete(signatures).where(and(inArray(signatures.id, batch), eq(signatures.status, "pending"))).run();
    anonymiseWhere(tx, inArray(signatures.id, batch), now);
    return batch.length;
  },
};

/** How mail to every signer is worded: the outcomes that are mailed in full, and the title a signer may see. */
export const petitionMailingWords: SupportMailingWords = {
  keyPrefix: "petition",
  title: (topicId, locale) => {
    const p = findPetition(topicId);
    return p ? publicTitle(p, locale) : undefined;
  },
  outcomeEmails: {
    response: { subject: "petition.email.response.subject", intro: "petition.email.response.intro", text: "petition.email.outcome.text", action: "petition.email.outcome.action" },
    debate: { subject: "petition.email.debate.subject", intro: "petition.email.debate.intro", text: "petition.email.outcome.text", action: "petition.email.outcome.action" },
    [COUNCIL_OUTCOME_TYPE]: { subject: "petition.email.decision.subject", intro: "petition.email.decision.intro", text: "petition.email.outcome.text", action: "petition.email.outcome.action" },
  },
};

/** Signatures are anonymised signatureAnonymiseMonths after the petition closed. */
export const petitionSignatureRetention = { monthsAfterClose: () => getSetting("signatureAnonymiseMonths") };
