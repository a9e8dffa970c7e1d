// The composition root of the kinds (client-safe): the one place that names every kind of topic.
// It registers each kind's manifest and the permission rules of the shared modules, so can() and
// the participation core know them; the core itself never imports a kind. Imported by root.tsx
// (every page, server and browser) and by app/kinds.server.ts.
import type { TopicKind } from "#db/schema/topics.constants";
import { bylawKind } from "~/modules/bylaws/bylaws.kind";
import { councilPermissions } from "~/modules/council/council.permissions";
import { discussionKind } from "~/modules/discussions/discussions.kind";
import { participationPermissions } from "~/modules/participation/participation.permissions";
import { petitionKind } from "~/modules/petitions/petitions.kind";
import { proposalKind } from "~/modules/proposals/proposals.kind";
import { residentPermissions } from "~/modules/residents/residents.permissions";
import { registerKind, type KindManifest } from "~/modules/topics/topics.kinds";
import { topicPermissions } from "~/modules/topics/topics.permissions";
import { transparencyPermissions } from "~/modules/transparency/transparency.permissions";
import { voteKind } from "~/modules/votes/votes.kind";
import { webhookPermissions } from "~/modules/webhooks/webhooks.permissions";
import { registerPermissions } from "~/utils/permissions";

/** The kinds this platform runs. A kind added here and missing a server part is a type error in app/kinds.server.ts. */
export const KINDS = {
  petition: petitionKind,
  discussion: discussionKind,
  proposal: proposalKind,
  vote: voteKind,
  bylaw: bylawKind,
} satisfies Partial<Record<TopicKind, KindManifest>>;

export type Kind = keyof typeof KINDS;

registerPermissions(topicPermissions);
registerPermissions(participationPermissions);
registerPermissions(residentPermissions);
registerPermissions(councilPermissions);
registerPermissions(transparencyPermissions);
registerPermissions(webhookPermissions);
for (const manifest of Object.values(KINDS)) registerKind(manifest);
