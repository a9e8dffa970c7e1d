// The agenda proposal kind's manifest (inwonersinitiatief): what the participation core needs to know.
import type { MessageKey } from "~/i18n";
import { event } from "~/modules/topics/timeline.events";
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { proposalPermissions } from "./proposals.permissions";

/** An agenda proposal's own timeline events, beside the shared ones (created, submitted, threshold reached, ...). */
export const proposalEvents = {
  /** A clerk found it admissible: support is collected for this many days, for this many supporters. */
  admissible: event<{ threshold: number; days: number }>({ public: true, message: "timeline.proposal.admissible", marks: "publication" }),
  /** A clerk found it inadmissible, with the public words of the reason code. */
  inadmissible: event<{ reason: MessageKey }>({ public: true, message: "timeline.proposal.inadmissible", marks: "publication" }),
  /** The window ended short of the threshold. */
  expired: event<{ count: number; threshold: number }>({ public: true, message: "timeline.proposal.expired" }),
  withdrawn: event({ public: true, message: "timeline.proposal.withdrawn" }),
};

export const proposalKind = {
  kind: "proposal",
  path: "/proposals",
  label: "topic.kind.proposal",
  navLabel: "nav.proposals",
  permissions: proposalPermissions,
  staffNav: [{ to: "/proposals/admissibility", label: "shell.proposalQueue", permission: "proposal:check-admissibility" }],
  comments: {
    // A proposal asks the council to decide something: residents are for or against it.
    stances: ["for", "against"],
    // An inadmissible proposal's page shows the reason; a withdrawn one is over.
    closedIn: { inadmissible: "topic-rejected", withdrawn: "topic-closed" },
  },
  events: proposalEvents,
  home: {
    notNews: ["inadmissible", "withdrawn"],
    metric: { counter: "supportCount", label: "proposal.count.supporters" },
  },
} satisfies KindManifest;
