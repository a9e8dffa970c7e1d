// The composition root of the kinds (server): registers each kind's server manifest, gives the
// job runner every job (the platform's, the participation core's and each kind's) and hands the
// platform helpers in app/utils the settings they need. Imported once
// per process before anything runs: by app/entry.server.tsx (and so server.js), the demo seed and
// the test setup.
import { accountJobs } from "~/modules/accounts/accounts.jobs.server";
import { bylawKindServer } from "~/modules/bylaws/bylaws.kind.server";
import { noticeArrival } from "~/modules/council/council.arrivals.server";
import { councilJobs } from "~/modules/council/council.jobs.server";
import { discussionKindServer } from "~/modules/discussions/discussions.kind.server";
import { moderationJobs } from "~/modules/participation/moderation.jobs.server";
import { petitionKindServer } from "~/modules/petitions/petitions.kind.server";
import { proposalKindServer } from "~/modules/proposals/proposals.kind.server";
import { notificationJobs } from "~/modules/notifications/notifications.jobs.server";
import { getSetting } from "~/modules/settings/settings.server";
import { registerKindServer, type KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { watchTopicEvents } from "~/modules/topics/outcomes.server";
import { topicJobs } from "~/modules/topics/topics.jobs.server";
import { supportJobs } from "~/modules/support/support.jobs.server";
import { transparencyJobs } from "~/modules/transparency/transparency.jobs.server";
import { registerJobs } from "~/utils/jobs.server";
import { voteKindServer } from "~/modules/votes/votes.kind.server";
import { provideSiteSettings } from "~/utils/site.server";
import { webhookJobs } from "~/modules/webhooks/webhooks.delivery.server";
import { webhookSettings } from "~/modules/webhooks/webhooks.settings.server";
import { enqueueEventDeliveries } from "~/modules/webhooks/webhooks.server";
import { DEMO_RECEIVER_PATH } from "~/modules/webhooks/webhooks.receiver.server";
import { acceptJsonPosts } from "~/utils/http.server";
import { registerSettings } from "~/modules/settings/settings.schema";
import type { Kind } from "./kinds";
import "./kinds";

/** Every kind in app/kinds.ts has its server part here: TypeScript names a kind that is missing one. */
export const KINDS_SERVER: Record<Kind, KindServerManifest> = {
  petition: petitionKindServer,
  discussion: discussionKindServer,
  proposal: proposalKindServer,
  vote: voteKindServer,
  bylaw: bylawKindServer,
};

for (const manifest of Object.values(KINDS_SERVER)) registerKindServer(manifest);

registerJobs([...accountJobs, ...notificationJobs, ...Object.values(KINDS_SERVER).flatMap((k) => k.jobs), ...supportJobs, ...moderationJobs, ...topicJobs, ...councilJobs, ...transparencyJobs]);

// The council hears of every topic that comes to await it, whatever its kind (its subscribers follow it).
watchTopicEvents(noticeArrival);
// Webhooks for the back office: every public event into their outbox, its job, the networks they may reach.
registerJobs(webhookJobs);
watchTopicEvents(enqueueEventDeliveries);
registerSettings(webhookSettings);
acceptJsonPosts(DEMO_RECEIVER_PATH);

provideSiteSettings({ municipalityName: () => getSetting("municipalityName"), defaultLocale: () => getSetting("defaultLocale") });
