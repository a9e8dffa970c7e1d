// The demo's webhook: one endpoint pointed at the demo's own receiver (/demo/webhook-receiver),
// hearing every public event, and the loopback networks allowed so it can be reached (in the demo
// only: a deployment's database starts with none allowed). One test event waits, so the receiver
// shows a delivery soon after the first start.
import { webhookEndpoints } from "#db/schema";
import { updateSettings } from "~/modules/settings/settings.server";
import { DEMO_RECEIVER_PATH, demoReceiverSecret } from "~/modules/webhooks/webhooks.receiver.server";
import { sendTestEvent } from "~/modules/webhooks/webhooks.server";
import { db } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { SeedContext } from "../seed";

export const DEMO_ALLOWED_NETWORKS = "127.0.0.0/8, ::1/128";

export function seedWebhooks(ctx: SeedContext): void {
  updateSettings(null, { webhookAllowedNetworks: DEMO_ALLOWED_NETWORKS });
  const endpointId = db
    .insert(webhookEndpoints)
    .values({
      url: new URL(DEMO_RECEIVER_PATH, env().BASE_URL).href,
      description: "Demo-ontvanger (zaaksysteem)",
      secret: demoReceiverSecret(),
      eventTypes: ["*"],
      createdBy: ctx.accounts.admin,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning({ id: webhookEndpoints.id })
    .get().id;
  sendTestEvent({ id: ctx.accounts.admin }, endpointId, ctx.now);
}
