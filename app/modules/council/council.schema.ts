// Input of the council's forms: a meeting, an agenda item, a move, a position, a decision.
import { z } from "zod";
import { COUNCIL_DECISIONS, MEETING_BODIES, POSITION_VISIBILITIES } from "#db/schema/council.constants";
import { fields } from "~/utils/forms.server";
import { endOfLocalDay } from "~/utils/local-time";
import { LIMITS } from "./council.rules";

const day = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1)
  .refine((v) => endOfLocalDay(v) !== null, "form.invalidDate");

const clock = z
  .string({ required_error: "form.required" })
  .trim()
  .min(1)
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "council.error.invalidTime");

/** The moment a meeting starts: its day and time on the town hall clock (Europe/Amsterdam). */
export function meetingMoment(dayValue: string, time: string): Date {
  const end = endOfLocalDay(dayValue)!;
  const [h, m] = time.split(":").map(Number) as [number, number];
  return new Date(end.getTime() - 59_000 - (23 * 60 + 59 - (h * 60 + m)) * 60_000);
}

export const MeetingForm = z.object({
  body: z.enum(MEETING_BODIES, { errorMap: () => ({ message: "form.invalid" }) }),
  title: fields.line(LIMITS.titleMin, LIMITS.titleMax),
  date: day,
  time: clock,
  place: fields.line(2, LIMITS.placeMax),
  closed: fields.checkbox(),
  submission: fields.submissionKey(),
});

/** An agenda item: a topic awaiting the council (its id), or a free item with a title. */
export const AgendaItemForm = z
  .object({
    intent: z.literal("add-item"),
    topicId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number({ invalid_type_error: "form.invalid" }).int().positive().optional()),
    title: fields.optionalText(LIMITS.titleMax),
    description: fields.optionalText(LIMITS.descriptionMax),
  })
  .superRefine((v, ctx) => {
    if (v.topicId === undefined && !v.title) ctx.addIssue({ code: "custom", path: ["topicId"], message: "council.error.topicOrTitle" });
    if (v.topicId !== undefined && v.title) ctx.addIssue({ code: "custom", path: ["title"], message: "council.error.topicOrTitle" });
    if (v.title !== undefined && v.title.length < LIMITS.titleMin) ctx.addIssue({ code: "custom", path: ["title"], message: "council.error.titleTooShort" });
  });

export const MoveForm = z.object({
  intent: z.literal("move"),
  itemId: z.coerce.number({ invalid_type_error: "form.invalid" }).int().positive(),
  direction: z.enum(["up", "down"], { errorMap: () => ({ message: "form.invalid" }) }),
});

export const PositionForm = z.object({
  intent: z.literal("position"),
  body: fields.text(LIMITS.positionMin, LIMITS.positionMax),
  visibility: z.enum(POSITION_VISIBILITIES, { errorMap: () => ({ message: "council.error.visibility" }) }),
});

export const DecisionForm = z.object({
  decision: z.enum(COUNCIL_DECISIONS, { errorMap: () => ({ message: "council.error.decision" }) }),
  body: fields.text(LIMITS.decisionMin, LIMITS.decisionMax),
  date: day,
  nextStep: fields.optionalText(500),
  nextStepDue: z.preprocess((v) => (v === "" ? undefined : v), day.optional()),
});
