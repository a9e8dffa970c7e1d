// What a draft bylaw adds to the open data of every topic (topics.opendata.server.ts): its latest
// published version and how many amendments it drew. No texts of residents and no names.
import { inArray, isNotNull, and, sql } from "drizzle-orm";
import { bylawAmendments, bylawVersions } from "#db/schema";
import type { OpenDataEntry, OpenDataRecord } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";

export const bylawOpenDataEntry: OpenDataEntry = {
  columns: ["version", "amendments"],
  sources: [bylawVersions, bylawAmendments],
  fields: (topicIds) => {
    const ids = [...topicIds];
    const versions = new Map(
      db.select({ topicId: bylawVersions.topicId, n: sql<number>`max(${bylawVersions.number})` }).from(bylawVersions).where(and(inArray(bylawVersions.topicId, ids), isNotNull(bylawVersions.publishedAt))).groupBy(bylawVersions.topicId).all().map((r) => [r.topicId, r.n]),
    );
    const amendments = new Map(
      db.select({ topicId: bylawAmendments.topicId, n: sql<number>`count(*)` }).from(bylawAmendments).where(inArray(bylawAmendments.topicId, ids)).groupBy(bylawAmendments.topicId).all().map((r) => [r.topicId, r.n]),
    );
    return new Map(ids.map((id): [number, OpenDataRecord] => [id, { version: versions.get(id) ?? null, amendments: amendments.get(id) ?? 0 }]));
  },
};
