// Input of the moderation forms (decisions, blocks) and of the queue, blocks and audit queries.
import { z } from "zod";
import { FLAG_TARGETS } from "#db/schema/discussions.constants";
import { fields } from "~/utils/forms.server";
import { DECISIONS, MODERATION_REASON_MAX } from "./moderation.rules";
import { formId } from "./comments.schema";

const reason = () => fields.text(5, MODERATION_REASON_MAX);

export const DecisionSchema = z.object({
  targetType: z.enum(FLAG_TARGETS, { errorMap: () => ({ message: "moderation.error.targetNotFound" }) }),
  targetId: formId(),
  decision: z.enum(DECISIONS, { errorMap: () => ({ message: "moderation.error.decisionRequired" }) }),
  reason: reason(),
});

/** A date field "YYYY-MM-DD" as typed in <input type="date">; empty means none. */
const optionalDay = () =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
      .transform((v) => new Date(`${v}T00:00:00Z`))
      .refine((d) => !Number.isNaN(d.getTime()), "form.invalidDate")
      .optional(),
  );

const userId = () => z.string({ required_error: "moderation.error.userNotFound" }).trim().min(1, "moderation.error.userNotFound").max(100);

export const BlockSchema = z.discriminatedUnion("intent", [
  /** The first step: what the block would do, with the reason and end date checked; writes nothing. */
  z.object({ intent: z.literal("preview"), userId: userId(), reason: reason(), until: optionalDay() }),
  z.object({ intent: z.literal("block"), userId: userId(), reason: reason(), until: optionalDay() }),
  z.object({ intent: z.literal("unblock"), userId: userId(), reason: reason() }),
]);

export const BlockIntentSchema = z.object({ intent: fields.intent(["preview", "block", "unblock"]) }).passthrough();

export const QueueQuery = z.object({
  view: z.enum(["flagged", "hidden"]).catch("flagged"),
});

export const BlockPageQuery = z.object({
  user: z.string().trim().max(100).optional().catch(undefined),
  email: z.string().trim().max(254).optional().catch(undefined),
});

/** The audit filters: a bad date or an inverted range is a 400 with a message beside the field. */
export const AuditQuery = z
  .object({
    actor: fields.optionalText(100),
    action: fields.optionalText(100),
    from: optionalDay(),
    to: optionalDay(),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from.getTime() > q.to.getTime()) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["to"], message: "moderation.audit.error.range" });
    }
  });
