// Input of the discussion forms and of the list query.
import { z } from "zod";
import { fields } from "~/utils/forms.server";
import { CONCLUSION_MAX, CONTEXT_MAX, TITLE_MAX, TITLE_MIN } from "./discussions.rules";

export const NewDiscussionSchema = z.object({
  title: fields.line(TITLE_MIN, TITLE_MAX),
  body: fields.text(1, CONTEXT_MAX),
});

/**
 * Closing ends the conversation for everyone and publishes the conclusion to every participant:
 * the clerk confirms that in the same form (a checkbox, so it works without JavaScript).
 */
export const CloseDiscussionSchema = z.object({
  conclusion: fields.text(10, CONCLUSION_MAX),
  confirm: fields.mustAccept(),
});

export const DiscussionListQuery = z.object({
  status: z.enum(["open", "closed"]).optional().catch(undefined),
});
