// The server side of the agenda proposal kind's manifest.
import type { KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { proposalCouncil } from "./proposals.council.server";
import { proposalJobs } from "./proposals.jobs.server";
import { proposalOpenDataEntry } from "./proposals.opendata.server";
import { proposalPersonalData } from "./proposals.privacy.server";
import { seedProposals } from "./proposals.seed.server";
import { proposalSettings } from "./proposals.settings";
import { proposalSupport } from "./proposals.support.server";

export const proposalKindServer = {
  kind: "proposal",
  jobs: proposalJobs,
  personalData: proposalPersonalData,
  seed: seedProposals,
  support: proposalSupport,
  settings: proposalSettings,
  openData: proposalOpenDataEntry,
  // Past its threshold it awaits the council; the council's decision decides it.
  council: proposalCouncil,
  deadlines: { "submission-publication": "proposalAdmissibilityDays" },
  // Its events reach everyone who supported it (by the support module's mailing), followers and the author.
  audience: { hears: ["followers", "author", "supporters"] },
} satisfies KindServerManifest;
