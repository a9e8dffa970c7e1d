// The discussion kind's manifest: what the participation core needs to know about discussions.
import { event } from "~/modules/topics/timeline.events";
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { discussionPermissions } from "./discussions.permissions";

/** A discussion's own timeline events, beside the shared ones. */
export const discussionEvents = {
  /** A clerk closed it with a written conclusion (its outcome). */
  concluded: event({ public: true, message: "timeline.concluded", marks: "decision" }),
};

export const discussionKind = {
  kind: "discussion",
  path: "/discussions",
  label: "topic.kind.discussion",
  navLabel: "nav.discussions",
  permissions: discussionPermissions,
  staffNav: [],
  comments: {
    // An open question has no for and against: people answer it.
    stances: [],
    // A clerk closed it with a conclusion: the conversation has ended.
    closedIn: { closed: "topic-closed" },
  },
  events: discussionEvents,
  home: {
    notNews: [],
    metric: { counter: "commentCount", label: "discussion.list.comments" },
  },
} satisfies KindManifest;
