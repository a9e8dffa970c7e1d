import { eq, inArray } from "drizzle-orm";
import { topics } from "#db/schema";
import { untilNoneLeft } from "~/modules/accounts/personal-data";

/**
 * The one account-deletion rule for the topics a person started, whatever their kind
 * (docs/decisions: account deletion as a tracked erasure): the topic stays, with what others
 * added to it (signatures, support, comments, the council's answer and outcome), and loses its
 * author: it shows "deleted participant" and nobody can edit it any more. A kind does not choose
 * otherwise; what a kind holds about the person beside its topics is its own source's
 * (KindServerManifest.personalData). Runs after the sources, which may find the topics by author.
 */
export const authoredTopicsErasure = untilNoneLeft("authored-topics", (tx, { userId }, size) =>
  tx.update(topics)
    .set({ authorId: null })
    .where(inArray(topics.id, tx.select({ id: topics.id }).from(topics).where(eq(topics.authorId, userId)).limit(size)))
    .run().changes,
);
