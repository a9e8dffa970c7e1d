// The server side of the vote kind's manifest.
import type { KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { castingFastRoute } from "./votes.casting.server";
import { closeDueVotes } from "./votes.closing.server";
import { voteCouncil } from "./votes.council.server";
import { voteOpenDataEntry } from "./votes.opendata.server";
import { votePersonalData } from "./votes.privacy.server";
import { seedVotes } from "./votes.seed.server";

export const voteKindServer = {
  kind: "vote",
  jobs: [{ name: "votes-close", everyMs: 30_000, run: (now: Date) => closeDueVotes(now) }],
  fastRoutes: [castingFastRoute],
  openData: voteOpenDataEntry,
  personalData: votePersonalData,
  seed: seedVotes,
  // Followers hear of its events through the outcome service; its voters are told the result by
  // the closing job in batches (votes.closing.server.ts), since they are not kept as supporters.
  audience: { hears: ["followers"] },
  // Once its results are in it awaits the council; the council's decision decides it, results kept.
  council: voteCouncil,
} satisfies KindServerManifest;
