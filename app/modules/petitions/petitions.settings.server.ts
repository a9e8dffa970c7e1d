// The petition rules the municipality sets (its verordening): thresholds, how long signing runs,
// sponsors, the clerks' deadline. Declared with the kind (petitions.kind.server.ts); the admin settings
// page shows them under "Petities".
import { z } from "zod";
import { yesNo, type SchemasOf, type Settings, type SettingsGroup } from "~/modules/settings/settings.schema";

const fields = {
  petitionResponseThreshold: z.coerce.number().int().min(1).max(1_000_000).default(500),
  petitionDebateThreshold: z.coerce.number().int().min(1).max(1_000_000).default(2_000),
  petitionDurationDays: z.coerce.number().int().min(7).max(365).default(90),
  petitionSponsorsRequired: z.coerce.number().int().min(0).max(50).default(0),
  petitionModerationOverdueDays: z.coerce.number().int().min(1).max(60).default(5),
  /** Days the council has to answer a petition once it crossed its response threshold (the transparency dashboard's deadline). */
  petitionResponseDays: z.coerce.number().int().min(7).max(365).default(90),
  petitionAcceptOutsidePostcodes: yesNo(false),
};

export const petitionSettings = {
  heading: "nav.petitions",
  fields,
  // A petition is answered before it is debated: the debate threshold is the higher one.
  check: (values: Settings) =>
    values.petitionDebateThreshold < values.petitionResponseThreshold
      ? [{ key: "petitionDebateThreshold" as const, message: "admin.settings.debateBelowResponse" as const }]
      : [],
} satisfies SettingsGroup;

declare module "~/modules/settings/settings.schema" {
  interface SettingsRegistry extends SchemasOf<typeof fields> {}
}
