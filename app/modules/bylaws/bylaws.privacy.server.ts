// What a draft bylaw keeps about a person: the amendments they proposed. On account deletion the
// amendments stay (they are part of the consultation's record and its report), without their author.
import { eq, inArray } from "drizzle-orm";
import { bylawAmendments } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";

export const bylawPersonalData: PersonalDataSource = {
  name: "bylaws",
  collect: (db, userId) => ({
    amendments: db
      .select({ id: bylawAmendments.id, topicId: bylawAmendments.topicId, articleId: bylawAmendments.articleId, type: bylawAmendments.type, heading: bylawAmendments.heading, text: bylawAmendments.text, rationale: bylawAmendments.rationale, status: bylawAmendments.status, createdAt: bylawAmendments.createdAt })
      .from(bylawAmendments)
      .where(eq(bylawAmendments.authorId, userId))
      .all(),
  }),
  erasure: [
    untilNoneLeft("bylaw-amendments", (tx, { userId }, size) =>
      tx.update(bylawAmendments)
        .set({ authorId: null })
        .where(inArray(bylawAmendments.id, tx.select({ id: bylawAmendments.id }).from(bylawAmendments).where(eq(bylawAmendments.authorId, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
