// The server side of the petition kind's manifest.
import { seedPetitions } from "#db/seed/petitions";
import type { KindServerManifest } from "~/modules/topics/topics.kinds.server";
import { petitionCouncil } from "./petitions.council.server";
import { petitionJobs } from "./petitions.jobs.server";
import { petitionPersonalData } from "./petitions.privacy.server";
import { petitionSettings } from "./petitions.settings.server";
import { petitionSignatures } from "./petitions.support.server";
import { petitionOpenDataEntry } from "./petitions.opendata.server";

export const petitionKindServer = {
  kind: "petition",
  jobs: petitionJobs,
  openData: petitionOpenDataEntry,
  personalData: petitionPersonalData,
  settings: petitionSettings,
  seed: seedPetitions,
  support: petitionSignatures,
  council: petitionCouncil,
  deadlines: { "submission-publication": "petitionModerationOverdueDays", "threshold-response": "petitionResponseDays" },
  // Its events reach everyone who signed (by the support module's mailing), followers and the petitioner.
  audience: { hears: ["followers", "author", "supporters"] },
} satisfies KindServerManifest;
