// What an agenda proposal adds to the open data of every topic (topics.opendata.server.ts): what
// the council is asked to decide, the threshold it collects for and the admissibility decision.
// Public words and numbers only: the clerk who checked it is not named.
import { inArray } from "drizzle-orm";
import { proposals } from "#db/schema";
import type { OpenDataEntry, OpenDataRecord } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";

export const proposalOpenDataEntry: OpenDataEntry = {
  sources: [proposals],
  columns: ["decision", "threshold", "admissibilityCheckedAt", "inadmissibleReason"],
  fields: (topicIds) =>
    new Map(
      db
        .select({ topicId: proposals.topicId, decision: proposals.decision, threshold: proposals.threshold, checkedAt: proposals.admissibilityCheckedAt, reason: proposals.inadmissibleReason })
        .from(proposals)
        .where(inArray(proposals.topicId, [...topicIds]))
        .all()
        .map((p): [number, OpenDataRecord] => [
          p.topicId,
          { decision: p.decision, threshold: p.threshold, admissibilityCheckedAt: p.checkedAt ? p.checkedAt.toISOString() : null, inadmissibleReason: p.reason },
        ]),
    ),
};
