import { z } from "zod";
import { fields } from "~/utils/forms.server";
import { LIMITS } from "./webhooks.rules";

/** Checkboxes post one value, several, or none at all. */
const eventTypes = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(60)).max(200));

/** Registering or editing an endpoint; whether the URL may be reached is the service's to say. */
export const EndpointForm = z.object({
  url: fields.text(1, LIMITS.urlMax),
  description: fields.optionalText(LIMITS.descriptionMax),
  eventTypes,
});

/** Registering: a secret of the admin's own, or none to have one made. */
export const NewEndpointForm = EndpointForm.extend({
  submission: fields.submissionKey(),
  secret: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.string().trim().min(LIMITS.secretMin, "webhook.error.secret").max(LIMITS.secretMax, "webhook.error.secret").regex(/^[\x21-\x7e]+$/, "webhook.error.secret").optional(),
  ),
});

export const EndpointIntent = z.object({ intent: fields.intent(["update", "pause", "resume", "test", "rotate", "delete"]) });

export const DeleteForm = z.object({ confirm: fields.mustAccept() });
