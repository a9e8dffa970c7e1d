// The server side of the discussion kind's manifest.
import { seedDiscussions } from "#db/seed/discussions";
import type { KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { discussionPersonalData } from "./discussions.privacy.server";
import { discussionOpenDataEntry } from "./discussions.opendata.server";

export const discussionKindServer = {
  kind: "discussion",
  jobs: [],
  openData: discussionOpenDataEntry,
  personalData: discussionPersonalData,
  seed: seedDiscussions,
  // Everyone who took part in the conversation, followed it or opened it.
  audience: { hears: ["participants", "followers", "author"] },
} satisfies KindServerManifest;
