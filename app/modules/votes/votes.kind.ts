// The vote kind's manifest: what the participation core needs to know about votes (polls and
// participatory budgets with a secret ballot, issue #11).
import { event } from "~/modules/topics/timeline.events";
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { votePermissions } from "./votes.permissions";

/** A vote's own timeline events, beside the shared ones. */
export const voteEvents = {
  /** The closing job counted the ballots: the result is the vote's outcome. */
  counted: event<{ ballots: number }>({ public: true, message: "timeline.vote-counted", marks: "report" }),
};

export const voteKind = {
  kind: "vote",
  path: "/votes",
  label: "topic.kind.vote",
  navLabel: "nav.votes",
  permissions: votePermissions,
  staffNav: [],
  comments: {
    // People discuss the question and the projects; a ballot is where they take a side.
    stances: [],
    closedIn: { closed: "topic-closed", decided: "topic-closed" },
  },
  events: voteEvents,
  home: {
    notNews: [],
    metric: { counter: "commentCount", label: "vote.list.comments" },
  },
} satisfies KindManifest;
