import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { neighbourhoods } from "./settings";
import { topics } from "./topics";
import { users } from "./users";
import type { BallotType, BudgetRule, ResultsShown, VoteEligibleGroup } from "./votes.constants";

// The enum lists live apart from the tables so that browser code can import them without drizzle.
export * from "./votes.constants";

/**
 * A vote's set-up, beside its topic row (question = title, explanation = body, closing time =
 * topics.closes_at). Frozen once the first ballot is cast: `ballot_count` is bumped in the casting
 * transaction and the edit's transaction refuses while it is above zero.
 */
export const votes = sqliteTable("votes", {
  topicId: integer("topic_id")
    .primaryKey()
    .references(() => topics.id, { onDelete: "cascade" }),
  ballotType: text("ballot_type").$type<BallotType>().notNull(),
  /** Multiple choice: at most this many options. */
  maxChoices: integer("max_choices"),
  /** Participatory budget: whole euros. */
  budget: integer("budget"),
  minProjects: integer("min_projects"),
  maxProjects: integer("max_projects"),
  /** Budgets: how the funded projects are chosen (a Pabulib rule name). */
  allocationRule: text("allocation_rule").$type<BudgetRule>(),
  opensAt: integer("opens_at", { mode: "timestamp_ms" }).notNull(),
  eligibleWho: text("eligible_who").$type<VoteEligibleGroup>().notNull(),
  minimumAge: integer("minimum_age"),
  neighbourhoodId: integer("neighbourhood_id").references(() => neighbourhoods.id, { onDelete: "restrict" }),
  resultsShown: text("results_shown").$type<ResultsShown>().notNull(),
  ballotCount: integer("ballot_count").notNull().default(0),
  /**
   * The closing job's cursor through the voters it tells the result, in user id order; null until
   * it starts, and `voters_told_at` when every voter was told (so each is told once, after a crash too).
   */
  votersToldAfter: text("voters_told_after"),
  votersToldAt: integer("voters_told_at", { mode: "timestamp_ms" }),
  /**
   * Budgets: what the closing job worked out once (the vote's rule and the other, project by
   * project), so the results page of a closed vote reads it instead of recounting every ballot.
   */
  result: text("result", { mode: "json" }).$type<Record<string, unknown>>(),
});

/** One answer of a vote (a project, for a budget), with its running count. */
export const voteOptions = sqliteTable(
  "vote_options",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    /** Budgets: what the project costs, in whole euros. */
    cost: integer("cost"),
    imageUrl: text("image_url"),
    imageAlt: text("image_alt"),
    /** The petition or proposal that led to it, if any. */
    linkedTopicId: integer("linked_topic_id").references(() => topics.id, { onDelete: "set null" }),
    /** Ballots that chose it, bumped in the casting transaction. */
    voteCount: integer("vote_count").notNull().default(0),
  },
  (t) => [index("vote_options_topic_idx").on(t.topicId, t.position)],
);

/** Turnout per neighbourhood (from the eligibility check): counts only, never who or what. */
export const voteTurnoutCounts = sqliteTable(
  "vote_turnout_counts",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    neighbourhoodId: integer("neighbourhood_id").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.neighbourhoodId] })],
);

// The three tables below are WITHOUT ROWID (docs/decisions/005): created again by the hand-written
// migration after drizzle-kit's, which cannot say so. These definitions mirror them for queries.

/** That a person voted (not what): one row per person per vote, the primary key is the one-ballot rule. */
export const voteParticipations = sqliteTable(
  "vote_participations",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The calendar day, for "you voted on ..."; never a time of day. */
    votedOn: text("voted_on").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.userId] }), index("vote_participations_user_idx").on(t.userId, t.topicId)],
);

/** A cast ballot: its random code and nothing about who cast it or when. */
export const ballots = sqliteTable(
  "ballots",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.code] })],
);

/** What a ballot chose: one row per chosen option. */
export const ballotChoices = sqliteTable(
  "ballot_choices",
  {
    topicId: integer("topic_id")
      .notNull()
      .references(() => topics.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    optionId: integer("option_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.topicId, t.code, t.optionId] })],
);
