// What a vote adds to the open data of every topic (topics.opendata.server.ts): its kind of
// question, opening time and ballots cast. Counts per option are public only as its results
// setting allows, on its own results download; nothing about any voter.
import { inArray } from "drizzle-orm";
import { votes } from "#db/schema";
import type { OpenDataEntry, OpenDataRecord } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";

export const voteOpenDataEntry: OpenDataEntry = {
  columns: ["ballotType", "opensAt", "ballots", "budget"],
  sources: [votes],
  fields: (topicIds) => {
    const rows = new Map(
      db
        .select({ topicId: votes.topicId, ballotType: votes.ballotType, opensAt: votes.opensAt, ballots: votes.ballotCount, budget: votes.budget })
        .from(votes)
        .where(inArray(votes.topicId, [...topicIds]))
        .all()
        .map((r) => [r.topicId, r]),
    );
    return new Map(
      topicIds.map((id): [number, OpenDataRecord] => {
        const r = rows.get(id);
        return [id, { ballotType: r?.ballotType ?? null, opensAt: r?.opensAt.toISOString() ?? null, ballots: r?.ballots ?? null, budget: r?.budget ?? null }];
      }),
    );
  },
};
