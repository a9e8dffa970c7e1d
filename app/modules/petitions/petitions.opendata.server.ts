// What a petition adds to the open data of every topic (topics.opendata.server.ts): its thresholds
// and the dates of its way through the council. The text of a petition rejected as offensive or
// containing personal information is withheld, here as on its page.
import { inArray } from "drizzle-orm";
import { petitions } from "#db/schema";
import type { OpenDataEntry, OpenDataRecord } from "~/modules/topics/topics.opendata.server";
import { db } from "~/utils/db.server";

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const petitionOpenDataEntry: OpenDataEntry = {
  sources: [petitions],
  columns: [
    "rejectionCode",
    "responseThreshold",
    "debateThreshold",
    "responseRequestedAt",
    "debateRequestedAt",
    "debateScheduledFor",
    "respondedAt",
    "debatedAt",
  ],
  fields: (topicIds) =>
    new Map(
      db
        .select()
        .from(petitions)
        .where(inArray(petitions.topicId, [...topicIds]))
        .all()
        .map((p): [number, OpenDataRecord] => [
          p.topicId,
          {
            ...(p.hideText ? { title: null, summary: null } : {}),
            rejectionCode: p.rejectionCode,
            responseThreshold: p.responseThreshold,
            debateThreshold: p.debateThreshold,
            responseRequestedAt: iso(p.responseRequestedAt),
            debateRequestedAt: iso(p.debateRequestedAt),
            debateScheduledFor: iso(p.debateScheduledFor),
            respondedAt: iso(p.respondedAt),
            debatedAt: iso(p.debatedAt),
          },
        ]),
    ),
};
