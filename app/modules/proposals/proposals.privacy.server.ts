import { and, eq, inArray } from "drizzle-orm";
import { proposals, topics } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";

/**
 * A person's agenda proposals, for download-my-data (their support is the support module's). On
 * account deletion the proposals stay without their author (the shared "authored-topics" rule);
 * a clerk's name leaves the admissibility checks they made.
 */
export const proposalPersonalData: PersonalDataSource = {
  name: "proposals",
  collect: (db, userId) => ({
    proposals: db
      .select({ id: topics.id, title: topics.title, decision: proposals.decision, reasons: topics.body, status: topics.status, createdAt: topics.createdAt })
      .from(topics)
      .innerJoin(proposals, eq(proposals.topicId, topics.id))
      .where(and(eq(topics.kind, "proposal"), eq(topics.authorId, userId)))
      .all(),
  }),
  erasure: [
    untilNoneLeft("proposals-checked-by", (tx, { userId }, size) =>
      tx.update(proposals)
        .set({ admissibilityCheckedBy: null })
        .where(inArray(proposals.topicId, tx.select({ id: proposals.topicId }).from(proposals).where(eq(proposals.admissibilityCheckedBy, userId)).limit(size)))
        .run().changes,
    ),
  ],
};
