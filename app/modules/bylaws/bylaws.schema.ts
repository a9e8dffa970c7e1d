// Input of the draft bylaw forms.
import { z } from "zod";
import { AMENDMENT_TYPES, SUPPORT_STANCES } from "#db/schema";
import { fields } from "~/utils/forms.server";
import { endOfLocalDay } from "~/utils/local-time";
import { ARTICLE_BODY_MAX, ARTICLE_HEADING_MAX, INTRODUCTION_MAX } from "./bylaws.import";
import { NOTE_MAX, RATIONALE_MAX, RATIONALE_MIN, REASON_MAX, SUMMARY_MAX, TITLE_MAX, TITLE_MIN } from "./bylaws.rules";

/** An id in a form or a URL: anything but a positive integer is a tampered id. */
export const bylawId = () =>
  z
    .string({ required_error: "bylaw.error.notFound" })
    .regex(/^[1-9]\d{0,15}$/, "bylaw.error.notFound")
    .transform(Number);

/** The last day of the consultation ("2027-01-31"), which ends at the end of that day, Amsterdam time (summer time too). */
const closingDay = () =>
  z
    .string({ required_error: "form.required" })
    .refine((v) => endOfLocalDay(v) !== null, "form.invalidDate")
    .transform((v) => endOfLocalDay(v)!);

export const DraftSchema = z.object({
  title: fields.line(TITLE_MIN, TITLE_MAX),
  summary: fields.optionalText(SUMMARY_MAX),
  /** Typed in; an uploaded file takes its place. */
  markdown: fields.optionalText(500_000),
  closesAt: closingDay(),
});

/** The draft's own fields when a clerk edits it; its articles are read per article id (`draftTextOf`). */
export const DraftEditSchema = z.object({
  title: fields.line(TITLE_MIN, TITLE_MAX),
  summary: fields.optionalText(SUMMARY_MAX),
  closesAt: closingDay(),
  introduction: fields.optionalText(INTRODUCTION_MAX),
  /** The whole text as markdown: when given (or a file), it replaces the introduction and articles. */
  markdown: fields.optionalText(500_000),
  /** The draft's article ids in the order the form showed them. */
  articles: z.string().regex(/^\d{1,16}(,\d{1,16})*$/, "bylaw.error.articleNotFound"),
});

/** The fields of each article on the edit form (`heading-<id>`, `body-<id>`, `remove-<id>`) and of one new article at the end. */
export function draftArticlesSchema(ids: readonly number[]) {
  const shape: Record<string, z.ZodTypeAny> = {
    "heading-new": fields.optionalText(ARTICLE_HEADING_MAX),
    "body-new": fields.optionalText(ARTICLE_BODY_MAX),
  };
  for (const id of ids) {
    shape[`heading-${id}`] = fields.optionalText(ARTICLE_HEADING_MAX);
    shape[`body-${id}`] = fields.optionalText(ARTICLE_BODY_MAX);
    shape[`remove-${id}`] = z.literal("on").optional();
  }
  return z.object(shape).transform((v) => ({
    articles: [
      ...ids.filter((id) => !v[`remove-${id}`]).map((id) => ({ articleId: id as number | null, heading: (v[`heading-${id}`] as string | undefined) ?? "", body: (v[`body-${id}`] as string | undefined) ?? "" })),
      // The empty slot for a new article adds nothing; half filled in, the service says what is missing.
      ...(v["heading-new"] || v["body-new"] ? [{ articleId: null, heading: (v["heading-new"] as string | undefined) ?? "", body: (v["body-new"] as string | undefined) ?? "" }] : []),
    ],
  }));
}

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
