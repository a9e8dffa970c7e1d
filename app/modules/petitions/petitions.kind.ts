// The petition kind's manifest: what the participation core needs to know about petitions.
import type { MessageKey } from "~/i18n";
import { event } from "~/modules/topics/timeline.events";
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { petitionPermissions } from "./petitions.permissions";

/** A petition's own timeline events, beside the shared ones (created, submitted, published, closed, next steps). */
export const petitionEvents = {
  /** Turned down by the clerks, with the public words of the rejection code. */
  rejected: event<{ reason: MessageKey }>({ public: true, message: "timeline.rejected", marks: "publication" }),
  responded: event({ public: true, message: "timeline.responded", marks: "response" }),
  /** A debate planned for a council meeting (ISO date); a new date is a new event. */
  scheduled: event<{ date: string }>({ public: true, message: "timeline.scheduled", distinctBy: "date" }),
  debated: event({ public: true, message: "timeline.debated", marks: "decision" }),
};

export const petitionKind = {
  kind: "petition",
  path: "/petitions",
  label: "topic.kind.petition",
  navLabel: "nav.petitions",
  permissions: petitionPermissions,
  staffNav: [
    { to: "/petitions/moderation", label: "shell.petitionQueue", permission: "petition:moderate" },
  ],
  comments: {
    // A petition asks for something: residents are for or against it.
    stances: ["for", "against"],
    // A rejected petition's page shows only the reason: there is nothing left to talk about.
    closedIn: { rejected: "topic-rejected" },
  },
  events: petitionEvents,
  home: {
    notNews: ["rejected"],
    metric: { counter: "supportCount", label: "petition.count.signatures" },
  },
} satisfies KindManifest;
