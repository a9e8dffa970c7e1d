// The petition kind's manifest: what the participation core needs to know about petitions.
import type { KindManifest } from "~/modules/topics/topics.kinds";
import { petitionPermissions } from "./petitions.permissions";

export const petitionKind = {
  kind: "petition",
  path: "/petitions",
  label: "topic.kind.petition",
  navLabel: "nav.petitions",
  permissions: petitionPermissions,
  staffNav: [
    { to: "/petitions/moderation", label: "shell.petitionQueue", permission: "petition:moderate" },
    { to: "/petitions/review", label: "shell.councilReview", permission: "petition:review" },
  ],
  comments: {
    // A petition asks for something: residents are for or against it.
    stances: ["for", "against"],
    // A rejected petition's page shows only the reason: there is nothing left to talk about.
    closedIn: { rejected: "topic-rejected" },
  },
  home: {
    notNews: ["rejected"],
    metric: { counter: "supportCount", label: "petition.count.signatures" },
  },
} satisfies KindManifest;
