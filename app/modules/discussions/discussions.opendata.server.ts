// What a discussion adds to the open data of every topic (topics.opendata.server.ts): when it was
// concluded. No comment text and no names: its counts are in the shared columns.
import { and, eq, inArray, sql } from "drizzle-orm";
import { outcomes } from "#db/schema";
import type { OpenDataEntry, OpenDataRecord } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";

export const discussionOpenDataEntry: OpenDataEntry = {
  columns: ["concludedAt"],
  // Its conclusion is an outcome, a shared table.
  sources: [],
  fields: (topicIds) => {
    const concluded = new Map(
      db
        .select({ topicId: outcomes.topicId, at: sql<number>`min(${outcomes.decidedAt})` })
        .from(outcomes)
        .where(and(inArray(outcomes.topicId, [...topicIds]), eq(outcomes.type, "conclusion")))
        .groupBy(outcomes.topicId)
        .all()
        .map((r) => [r.topicId, new Date(r.at).toISOString()]),
    );
    return new Map(topicIds.map((id): [number, OpenDataRecord] => [id, { concludedAt: concluded.get(id) ?? null }]));
  },
};
