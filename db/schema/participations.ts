// "What this person took part in": one row per person per topic, written by the core's paths
// (follow, comment, support) and by a kind's own (a ballot, an amendment) through
// app/modules/topics/participations.server.ts, so a person's participation page reads one indexed
// list instead of asking every kind (docs/decisions/019-a-participation-index.md).
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import type { TopicKind } from "./topics.constants";
import { topics } from "./topics";
import { users } from "./users";

export * from "./participations.constants";

export const participations = sqliteTable(
  "participations",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    /** The topic's kind, copied (a topic never changes kind) so the filter by kind reads the index. */
    kind: text("kind").$type<TopicKind>().notNull(),
    /** The ways the person takes part now, one bit each (participations.constants.ts); 0: none any more. */
    ways: integer("ways").notNull().default(0),
    /** When they first took part. */
    firstAt: integer("first_at", { mode: "timestamp_ms" }).notNull(),
    /** When they last acted on it themselves. */
    lastAt: integer("last_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * Up to when they have seen what happened on it: public events after this are "unread
     * changes". Acting on a topic counts as seeing it; so does marking it as seen.
     */
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.topicId] }),
    // A person's list filtered by kind.
    index("participations_user_kind_idx").on(t.userId, t.kind),
    // New participants per day, for the transparency figures (a day's rows are one range).
    index("participations_first_idx").on(t.firstAt),
  ],
);
