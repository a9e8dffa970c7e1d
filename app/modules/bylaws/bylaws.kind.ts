// The draft bylaw kind's manifest: what the participation core needs to know about a draft bylaw
// (conceptverordening) put out for consultation.
import { event } from "~/modules/topics/timeline.events";
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { bylawPermissions } from "./bylaws.permissions";

/** A draft bylaw's own timeline events, beside the shared ones (published, closed, next steps). */
export const bylawEvents = {
  /** A new version of the text, from accepted amendments (version 1 is the published draft). */
  "version-published": event<{ number: number; amendments: number }>({ public: true, message: "timeline.version-published", distinctBy: "number" }),
  /** The consultation closed and its report is out: every amendment's fate and the final text. */
  "report-published": event<{ amendments: number }>({ public: true, message: "timeline.report-published", marks: "report" }),
};

export const bylawKind = {
  kind: "bylaw",
  path: "/bylaws",
  label: "topic.kind.bylaw",
  navLabel: "nav.bylaws",
  permissions: bylawPermissions,
  staffNav: [],
  comments: {
    // Remarks on an article: residents propose amendments when they want a different text.
    stances: [],
    // The consultation is over: its report says what became of everything said.
    closedIn: { closed: "topic-closed", decided: "topic-closed" },
  },
  events: bylawEvents,
  home: {
    notNews: [],
    metric: { counter: "commentCount", label: "bylaw.list.comments" },
  },
} satisfies KindManifest;
