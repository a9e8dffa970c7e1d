// Input of the draft bylaw forms.
import { z } from "zod";
import { AMENDMENT_TYPES, SUPPORT_STANCES } from "#db/schema";
import { fields } from "~/utils/forms.server";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX } from "./bylaws.import";
import { NOTE_MAX, RATIONALE_MAX, RATIONALE_MIN, REASON_MAX, SUMMARY_MAX, TITLE_MAX, TITLE_MIN } from "./bylaws.rules";

/** An id in a form or a URL: anything but a positive integer is a tampered id. */
export const bylawId = () =>
  z
    .string({ required_error: "bylaw.error.notFound" })
    .regex(/^[1-9]\d{0,15}$/, "bylaw.error.notFound")
    .transform(Number);

/** The last day of the consultation ("2027-01-31"), which ends at the end of that day, Amsterdam time. */
const closingDay = () =>
  z
    .string({ required_error: "form.required" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, "form.invalidDate")
    .transform((v) => new Date(`${v}T23:59:59+01:00`))
    .refine((d) => !Number.isNaN(d.getTime()), "form.invalidDate");

export const DraftSchema = z.object({
  title: fields.line(TITLE_MIN, TITLE_MAX),
  summary: fields.optionalText(SUMMARY_MAX),
  /** Typed in; an uploaded file takes its place. */
  markdown: fields.optionalText(500_000),
  closesAt: closingDay(),
});

export const AmendSchema = z
  .object({
    type: z.enum(AMENDMENT_TYPES, { errorMap: () => ({ message: "bylaw.error.typeRequired" }) }),
    heading: fields.optionalText(ARTICLE_HEADING_MAX),
    text: fields.optionalText(ARTICLE_BODY_MAX),
    rationale: fields.text(RATIONALE_MIN, RATIONALE_MAX),
  })
  .transform((v) => ({ ...v, heading: v.heading ?? "", text: v.text ?? "" }));

export const StanceSchema = z.object({
  intent: fields.intent(["support", "oppose", "withdraw"]),
});
export type StanceIntent = z.infer<typeof StanceSchema>["intent"];
export const STANCE_OF: Record<Exclude<StanceIntent, "withdraw">, (typeof SUPPORT_STANCES)[number]> = { support: "support", oppose: "oppose" };

export const DecisionSchema = z.object({
  intent: z.literal("decide"),
  decision: z.enum(["accept", "reject", "consider"], { errorMap: () => ({ message: "bylaw.error.decisionRequired" }) }),
  reason: fields.optionalText(REASON_MAX),
});

export const VersionNoteSchema = z.object({
  note: fields.optionalText(NOTE_MAX),
  amendments: z.string().regex(/^\d+(,\d+)*$/, "bylaw.error.staleProposal"),
});

export const CompareQuery = z.object({
  from: z.coerce.number().int().positive().optional().catch(undefined),
  to: z.coerce.number().int().positive().optional().catch(undefined),
});
