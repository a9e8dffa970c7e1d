import { z } from "zod";
import type { SchemasOf, SettingsGroup } from "~/modules/settings/settings.schema";
import { LIMITS, parseNetworks } from "./webhooks.rules";

const fields = {
  /**
   * Networks outside the public internet that endpoints may reach (a zaaksysteem on the internal
   * network), as CIDR ranges; empty refuses every non-public address. The demo allows loopback for
   * its own receiver.
   */
  webhookAllowedNetworks: z
    .string()
    .trim()
    .max(LIMITS.networksMax)
    .refine((v) => parseNetworks(v) !== null, "webhook.error.networks")
    .default(""),
};

export const webhookSettings: SettingsGroup = { heading: "admin.settings.webhooks", fields };

declare module "~/modules/settings/settings.schema" {
  interface SettingsRegistry extends SchemasOf<typeof fields> {}
}
