// The server side of the draft bylaw kind's manifest.
import { and, eq } from "drizzle-orm";
import { seedBylaws } from "#db/seed/bylaws";
import { bylawArticles } from "#db/schema";
import { stanceTakerIds } from "~/modules/support/support.stances.server";
import type { KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { bylawCouncil } from "./bylaws.council.server";
import { bylawOpenDataEntry } from "./bylaws.opendata.server";
import { bylawPersonalData } from "./bylaws.privacy.server";
import { bylawContributors } from "./bylaws.server";

export const bylawKindServer = {
  kind: "bylaw",
  jobs: [],
  openData: bylawOpenDataEntry,
  personalData: bylawPersonalData,
  seed: seedBylaws,
  // Once its consultation closed with the report, it awaits the council; the decision is its outcome.
  council: bylawCouncil,
  // Everyone who commented on an article, amended, supported or opposed an amendment, or follows it.
  audience: { hears: ["participants", "contributors", "followers"] },
  contributors: (tx, topicId) => new Set([...bylawContributors(tx, topicId), ...stanceTakerIds(tx, topicId)]),
  // Each article has its own thread, on its own page.
  commentParts: {
    exists: (tx, topicId, partId) => Boolean(tx.select({ id: bylawArticles.id }).from(bylawArticles).where(and(eq(bylawArticles.id, partId), eq(bylawArticles.topicId, topicId))).get()),
    path: (topicId, partId) => `/bylaws/${topicId}/articles/${partId}`,
  },
} satisfies KindServerManifest;
