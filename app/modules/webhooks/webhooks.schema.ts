import { z } from "zod";
import { fields } from "~/utils/forms.server";
import { checkEndpointUrl, LIMITS } from "./webhooks.rules";

/** Checkboxes post one value, several, or none at all. */
const eventTypes = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(60)).min(1, "webhook.error.noEvents").max(200));

// The URL's form is checked here too, so its message shows beside the other fields' at once; the
// service checks it again (with whether its address may be reached) for every caller.
const url = fields.text(1, LIMITS.urlMax).superRefine((value, ctx) => {
  const verdict = checkEndpointUrl(value);
  if (!verdict.ok) ctx.addIssue({ code: z.ZodIssueCode.custom, message: verdict.reason });
});

/** Registering or editing an endpoint; whether the URL may be reached is the service's to say. */
export const EndpointForm = z.object({
  url,
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
