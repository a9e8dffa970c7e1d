// The municipality's verordening for agenda proposals, as admin settings. Declared with the kind
// (proposals.kind.server.ts); the admin settings page shows them under "Voorstellen", each with its
// range and unit.
import { z } from "zod";
import { THRESHOLD_TYPES } from "#db/schema/proposals.constants";
import type { SchemasOf, Settings, SettingsGroup } from "~/modules/settings/settings.schema";

const fields = {
  /** A fixed number of supporters, or a percentage of the residents. */
  proposalThresholdType: z.enum(THRESHOLD_TYPES).default("absolute"),
  proposalThresholdAbsolute: z.coerce.number().int().min(1).max(1_000_000).default(500),
  proposalThresholdPercentage: z.coerce.number().min(0.01).max(100).default(0.5),
  /** The number of residents the percentage is taken of (the admin keeps it current). */
  proposalResidentCount: z.coerce.number().int().min(0).max(10_000_000).default(200_000),
  proposalSupportDays: z.coerce.number().int().min(7).max(365).default(90),
  proposalWhoMaySupport: z.enum(["verified-residents", "confirmed-accounts"]).default("verified-residents"),
  /** 0: no minimum age. */
  proposalMinimumAge: z.coerce.number().int().min(0).max(120).default(16),
  /** Subjects the council does not take proposals on, separated by semicolons; shown to the author before submitting. */
  proposalExcludedSubjects: z
    .string()
    .trim()
    .max(1000)
    .default("Belastingen en heffingen; De gemeentebegroting; Personeelszaken; Klachten over een besluit over één persoon"),
  /** A proposal on a subject the council decided less than this many months ago is inadmissible. */
  proposalWaitingMonths: z.coerce.number().int().min(0).max(120).default(24),
  /** The clerks check admissibility within this many days of submission. */
  proposalAdmissibilityDays: z.coerce.number().int().min(1).max(90).default(14),
};

export const proposalSettings = {
  heading: "nav.proposals",
  fields,
  // A percentage threshold needs the number of residents it is a percentage of.
  check: (values: Settings) =>
    values.proposalThresholdType === "percentage" && values.proposalResidentCount < 1
      ? [{ key: "proposalResidentCount" as const, message: "proposal.settings.residentCountNeeded" as const }]
      : [],
} satisfies SettingsGroup;

declare module "~/modules/settings/settings.schema" {
  interface SettingsRegistry extends SchemasOf<typeof fields> {}
}
