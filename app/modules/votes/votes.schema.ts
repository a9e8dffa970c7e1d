// Input of the vote forms: the clerk's set-up (question, options, times, eligibility, results,
// allocation rule) and the ballot. Options are rows of fields numbered from 0 ("option-0-title"),
// so the form works without JavaScript; an empty row is left out.
import { z } from "zod";
import { BALLOT_TYPES, BUDGET_RULES, RESULTS_SHOWN, VOTE_ELIGIBLE_GROUPS } from "#db/schema/votes.constants";
import type { Translate } from "~/i18n";
import { fields, parseForm, type FieldErrors, type FormFailure } from "~/utils/forms.server";
import { endOfLocalDay } from "~/utils/local-time";
import { EXPLANATION_MAX, MAX_OPTIONS, OPTION_ROWS_STEP, OPTION_DESCRIPTION_MAX, OPTION_TITLE_MAX, QUESTION_MAX, QUESTION_MIN, type VoteOptionInput } from "./votes.rules";

/** A moment typed in a `datetime-local` field ("2026-12-08T09:00"), on the municipality's clock. */
export function localDateTime(value: string): Date | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [hour, minute] = [Number(match[2]), Number(match[3])];
  if (hour > 23 || minute > 59) return null;
  const end = endOfLocalDay(match[1]!);
  if (!end) return null;
  const midnight = end.getTime() - (23 * 3600 + 59 * 60 + 59) * 1000;
  return new Date(midnight + (hour * 60 + minute) * 60_000);
}

const moment = () =>
  z.string({ required_error: "form.required" }).trim().min(1).transform((v, ctx) => {
    const at = localDateTime(v);
    if (!at) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "form.invalidDate" });
      return z.NEVER;
    }
    return at;
  });

/** A whole number field that may be left empty. */
const optionalWhole = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? Number(v.replace(/[.\s]/g, "")) : v), z.number({ invalid_type_error: "form.invalidNumber" }).int("form.invalidNumber").min(min).max(max).optional());

export const VoteSetupSchema = z.object({
  title: fields.line(QUESTION_MIN, QUESTION_MAX),
  body: fields.optionalText(EXPLANATION_MAX),
  ballotType: z.enum(BALLOT_TYPES, { errorMap: () => ({ message: "form.invalid" }) }),
  maxChoices: optionalWhole(1, MAX_OPTIONS),
  budget: optionalWhole(1, 1_000_000_000),
  minProjects: optionalWhole(1, MAX_OPTIONS),
  maxProjects: optionalWhole(1, MAX_OPTIONS),
  allocationRule: z.enum(BUDGET_RULES, { errorMap: () => ({ message: "form.invalid" }) }).default("equalshares/add1"),
  opensAt: moment(),
  closesAt: moment(),
  eligibleWho: z.enum(VOTE_ELIGIBLE_GROUPS, { errorMap: () => ({ message: "form.invalid" }) }),
  minimumAge: optionalWhole(0, 120),
  neighbourhoodId: optionalWhole(1, Number.MAX_SAFE_INTEGER),
  resultsShown: z.enum(RESULTS_SHOWN, { errorMap: () => ({ message: "form.invalid" }) }),
});

export type VoteSetupInput = z.output<typeof VoteSetupSchema> & { options: VoteOptionInput[] };

const OptionSchema = z.object({
  title: fields.line(1, OPTION_TITLE_MAX),
  description: fields.optionalText(OPTION_DESCRIPTION_MAX),
  cost: optionalWhole(1, 1_000_000_000),
  imageUrl: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(500).url("vote.error.invalidUrl").refine((u) => /^https?:\/\//.test(u) || u.startsWith("/"), "vote.error.invalidUrl").optional()),
  imageAlt: fields.optionalText(300),
  linkedTopicId: optionalWhole(1, Number.MAX_SAFE_INTEGER),
});

const OPTION_FIELDS = ["title", "description", "cost", "imageUrl", "imageAlt", "linkedTopicId"] as const;

/** How many option rows to show again: what the form said it had, at least every row that came with it. */
export function setupRows(form: FormData): number {
  const said = Number(form.get("rows"));
  return Math.min(MAX_OPTIONS, Math.max(optionRowsOf(form), Number.isInteger(said) && said > 0 ? said : 0, OPTION_ROWS_STEP));
}

/** How many option rows the form carried (the highest row index + 1), for refilling it. */
export function optionRowsOf(form: FormData): number {
  let rows = 0;
  for (const key of form.keys()) {
    const match = /^option-(\d{1,2})-/.exec(key);
    if (match) rows = Math.max(rows, Number(match[1]) + 1);
  }
  return Math.min(rows, MAX_OPTIONS);
}

/**
 * Parses the whole set-up form: the vote's fields, then each option row that has anything in it
 * (numbered again from 0, in the order given). Errors of a row carry its field name in the form.
 */
export function parseVoteSetup(form: FormData, t: Translate): { ok: true; data: VoteSetupInput; rowOf: number[] } | FormFailure {
  const head = parseForm(form, VoteSetupSchema, t);
  const errors: FieldErrors = head.ok ? {} : { ...head.errors };
  const options: VoteOptionInput[] = [];
  const rowOf: number[] = [];
  for (let row = 0; row < optionRowsOf(form); row++) {
    const part = new URLSearchParams();
    let filled = false;
    for (const name of OPTION_FIELDS) {
      const value = form.get(`option-${row}-${name}`);
      if (typeof value === "string" && value.trim() !== "") filled = true;
      if (typeof value === "string") part.set(name, value);
    }
    if (!filled) continue;
    const parsed = parseForm(part, OptionSchema, t);
    if (!parsed.ok) {
      for (const [field, message] of Object.entries(parsed.errors)) errors[`option-${row}-${field}`] ??= message;
      continue;
    }
    rowOf.push(row);
    options.push({
      title: parsed.data.title,
      description: parsed.data.description ?? "",
      cost: parsed.data.cost ?? null,
      imageUrl: parsed.data.imageUrl ?? null,
      imageAlt: parsed.data.imageAlt ?? null,
      linkedTopicId: parsed.data.linkedTopicId ?? null,
    });
  }
  if (!head.ok || Object.keys(errors).length > 0) {
    const values: Record<string, string> = {};
    for (const [key, value] of form.entries()) if (typeof value === "string") values[key] = value.slice(0, 10_000);
    return { ok: false, errors, values };
  }
  return { ok: true, data: { ...head.data, options }, rowOf };
}

/**
 * The ballot as posted: the option ids chosen (radio or checkboxes named "option"), the ballot code
 * the page was made with, and what the button asks: cast it, or only add up the budget again.
 */
export const BallotSchema = z.object({
  intent: fields.intent(["cast", "recalculate"]),
  ballotCode: z.string({ required_error: "vote.error.codeMissing" }).regex(/^[A-Z2-7]{26}$/, "vote.error.codeMissing"),
  option: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().regex(/^\d{1,15}$/, "vote.error.unknownOption").transform(Number)).max(MAX_OPTIONS, "vote.error.unknownOption")),
});

export const BallotCheckSchema = z.object({
  code: z.string({ required_error: "form.required" }).trim().min(1).max(60),
});

/** The import form beside its file: the question (empty: the file's description), explanation and rule. */
export const ImportSchema = z.object({
  title: z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), fields.line(QUESTION_MIN, QUESTION_MAX).optional()),
  body: fields.optionalText(EXPLANATION_MAX),
  allocationRule: z.enum(BUDGET_RULES, { errorMap: () => ({ message: "form.invalid" }) }),
});
