import { z } from "zod";
import { fields } from "~/utils/forms.server";
import { endOfLocalDay, noonOfLocalDay } from "~/utils/local-time";
import { isDueDateAcceptable, LIMITS, LIST_FILTERS, LIST_SORTS, needsRejectionNote, REJECTION_CODES } from "./petitions.rules";

const optionalId = z.preprocess(
  (v) => (v === "" || v === undefined ? undefined : v),
  z.coerce.number({ invalid_type_error: "form.invalid" }).int().positive().optional(),
);

/** A date field ("YYYY-MM-DD") turned into the end of that day in Amsterdam. */
const endOfDayField = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const date = endOfLocalDay(v);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.invalidDate" });
        return z.NEVER;
      }
      return date;
    });

const noonField = () =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1)
    .transform((v, ctx) => {
      const date = noonOfLocalDay(v);
      if (!date) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.invalidDate" });
        return z.NEVER;
      }
      return date;
    });

const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

/** The petition form (create and edit). The deadline's range is checked against the settings by the service. */
export const PetitionForm = z.object({
  title: fields.line(LIMITS.titleMin, LIMITS.titleMax),
  request: fields.text(LIMITS.requestMin, LIMITS.requestMax),
  background: z.preprocess((v) => (v === undefined ? "" : v), z.string().trim().max(LIMITS.backgroundMax)),
  neighbourhoodId: optionalId,
  deadline: optional(endOfDayField()),
});
export type PetitionInput = z.output<typeof PetitionForm>;

/** A guest's signature. */
export const GuestSignatureForm = z.object({
  intent: z.literal("sign"),
  name: fields.line(2, LIMITS.nameMax),
  email: fields.email(),
  postcode: fields.postcode(),
  residence: fields.mustAccept(),
  showName: fields.checkbox(),
});

/** A signed-in resident's one-click signature (their account has a postcode). */
export const ResidentSignatureForm = z.object({
  intent: z.literal("sign"),
  showName: fields.checkbox(),
});

/**
 * A signed-in resident whose account has no postcode: the same postcode field and residence
 * declaration as a guest's (the postcode is then kept on the account).
 */
export const ResidentPostcodeSignatureForm = ResidentSignatureForm.extend({
  // Left empty, a message that says why a postcode is asked for.
  postcode: z
    .string({ required_error: "petition.error.postcodeRequired" })
    .trim()
    .min(1, "petition.error.postcodeRequired")
    .pipe(fields.postcode()),
  residence: fields.mustAccept(),
});

/** A rejection; "other" says "see the note", so it needs one. */
export const RejectForm = z
  .object({
    intent: z.literal("reject"),
    code: z.enum(REJECTION_CODES, { errorMap: () => ({ message: "petition.error.chooseReason" }) }),
    note: fields.optionalText(LIMITS.noteMax),
  })
  .superRefine((v, ctx) => {
    if (needsRejectionNote(v.code) && !v.note) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["note"], message: "petition.error.noteRequired" });
  });

// Field names differ per form, so several forms on the clerk's page never share an id.
export const RespondForm = z.object({
  intent: z.literal("respond"),
  responseText: fields.text(10, LIMITS.responseMax),
  responseResponsible: fields.line(2, LIMITS.bodyNameMax),
  /**
   * The page first shows the response as signers will read it ("preview"), and publishes only when
   * the clerk then presses "publish"; a post without a step publishes (scripts, older pages).
   */
  step: z.enum(["preview", "publish"]).default("publish"),
});

export const ScheduleDebateForm = z.object({
  intent: z.literal("schedule-debate"),
  meetingDate: noonField(),
});

export const DebateOutcomeForm = z.object({
  intent: z.literal("record-debate"),
  debateText: fields.text(10, LIMITS.responseMax),
  debateResponsible: fields.line(2, LIMITS.bodyNameMax),
});

export const NextStepForm = z.object({
  intent: z.literal("add-next-step"),
  description: fields.text(5, LIMITS.stepMax),
  stepResponsible: fields.optionalText(LIMITS.bodyNameMax),
  // A new step cannot be late already (it would show as overdue at once).
  // (An invalid date already has its issue and reaches the refinement as no Date.)
  dueDate: optional(noonField().refine((due) => !(due instanceof Date) || isDueDateAcceptable(due, new Date()), "petition.error.dueDatePast")),
});

export const CompleteStepForm = z.object({
  intent: z.literal("complete-next-step"),
  stepId: z.coerce.number({ invalid_type_error: "form.invalid" }).int().positive(),
});

/** Query parameters of the public list; bad values fall back to the defaults, a too long search is a 400. */
export const ListQuery = z.object({
  status: z.enum(LIST_FILTERS).catch("open"),
  sort: z.enum(LIST_SORTS).catch("signatures"),
  q: z.string().trim().max(200, "petition.list.queryTooLong").default(""),
});

/** The ?page of the public names on a petition page. */
