import { and, eq, inArray } from "drizzle-orm";
import { topics, voteParticipations } from "#db/schema";
import { untilNoneLeft, type PersonalDataSource } from "~/modules/accounts/personal-data";

/**
 * What the vote kind keeps about a person: that they voted in a vote and on which day, never what
 * (the ballot is not theirs to export: nothing links it to them, docs/decisions/005). Erasing
 * deletes those rows; their ballots stay and keep counting.
 */
export const votePersonalData: PersonalDataSource = {
  name: "votes",
  collect: (db, userId) => ({
    votedIn: db
      .select({ topicId: voteParticipations.topicId, title: topics.title, votedOn: voteParticipations.votedOn })
      .from(voteParticipations)
      .innerJoin(topics, eq(topics.id, voteParticipations.topicId))
      .where(eq(voteParticipations.userId, userId))
      .all(),
  }),
  erasure: [
    untilNoneLeft("votes-participations", (tx, { userId }, size) => {
      const ids = tx.select({ topicId: voteParticipations.topicId }).from(voteParticipations).where(eq(voteParticipations.userId, userId)).limit(size).all().map((r) => r.topicId);
      if (ids.length === 0) return 0;
      return tx.delete(voteParticipations).where(and(eq(voteParticipations.userId, userId), inArray(voteParticipations.topicId, ids))).run().changes;
    }),
  ],
};
