import crypto from "node:crypto";
import { data } from "@remix-run/node";
import { z, type ZodTypeAny } from "zod";
import { isMessageKey, type Translate } from "~/i18n";
import { normaliseText, stripBidiControls } from "~/utils/text";
import { hasMailbox } from "~/utils/email-address";

export type FieldErrors = Record<string, string>;

/** What an action returns when the form was not right: translated messages per field, and the values to refill. */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
}

/**
 * Translates a zod issue into one of the shared form messages. Schemas that need a specific
 * message give a message key as the issue message (e.g. `.refine(..., "form.mustAccept")`).
 */
function issueMessage(issue: z.ZodIssue, t: Translate, value: unknown): string {
  if (isMessageKey(issue.message)) return t(issue.message);
  // An empty field (or one of spaces, or of characters normaliseText removes) asks to be filled in,
  // not for "at least 2 characters".
  if (issue.code === "too_small" && issue.type === "string" && (value === undefined || (typeof value === "string" && stripBidiControls(value).trim() === ""))) return t("form.required");
  switch (issue.code) {
    case "invalid_type":
      return issue.received === "undefined" || issue.received === "null" ? t("form.required") : t("form.invalid");
    case "too_small":
      if (issue.type === "string") return Number(issue.minimum) <= 1 ? t("form.required") : t("form.tooShort", { min: Number(issue.minimum) });
      return t("form.invalidNumber");
    case "too_big":
      if (issue.type === "string") return t("form.tooLong", { max: Number(issue.maximum) });
      return t("form.invalidNumber");
    case "invalid_string":
      return issue.validation === "email" ? t("form.invalidEmail") : t("form.invalid");
    case "invalid_date":
      return t("form.invalidDate");
    default:
      return t("form.invalid");
  }
}

/** Form values as plain strings, for refilling a form (passwords are never sent back). */
function echoValues(form: FormData | URLSearchParams): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !/password/i.test(key)) values[key] = value.slice(0, 10_000);
  }
  return values;
}

/** Parses a form (FormData, or a urlencoded body) against a schema; on failure gives translated field errors. */
export function parseForm<S extends ZodTypeAny>(
  form: FormData | URLSearchParams,
  schema: S,
  t: Translate,
): { ok: true; data: z.output<S> } | FormFailure {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    // Every typed value passes normaliseText here, the one place every form goes through.
    // Passwords are left as typed: a changed byte would no longer match the stored hash.
    const all = form.getAll(key).filter((v): v is string => typeof v === "string").map((v) => (/password/i.test(key) ? v : normaliseText(v)));
    raw[key] = all.length > 1 ? all : all[0];
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path.join(".") || "form";
    errors[field] ??= issueMessage(issue, t, raw[String(issue.path[0])]);
  }
  return { ok: false, errors, values: echoValues(form) };
}

/** The 400 answer for a form that was not right (or 422 when the input was fine but the rule said no). */
export function formFailure(failure: Omit<FormFailure, "ok"> & { ok?: false }, status = 400) {
  return data({ ok: false as const, errors: failure.errors, values: failure.values }, { status });
}

/** Reads the form body of an action. Non-form bodies were already refused by the server (415). */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Bad Request", { status: 400 });
  }
}

/** Parses a route parameter that must be a positive integer id; anything else is a 404. */
export function requireId(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,15}$/.test(value)) throw new Response("Not Found", { status: 404 });
  return Number(value);
}

/** What a submission key looks like (see newSubmissionKey). */
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{16,64}$/;

/** Common field schemas. Strings are trimmed; empty optional strings become undefined. */
export const fields = {
  text: (min: number, max: number) => z.string({ required_error: "form.required" }).trim().min(min).max(max),
  /**
   * A name or a title: one line (inner whitespace folded), without bidirectional formatting
   * characters, which would reverse the text shown after it wherever it appears.
   */
  line: (min: number, max: number) =>
    z.preprocess(
      (v) => (typeof v === "string" ? stripBidiControls(v).replace(/\s+/g, " ") : v),
      z.string({ required_error: "form.required" }).trim().min(min).max(max),
    ),
  optionalText: (max: number) =>
    z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), z.string().trim().max(max).optional()),
  /** An address with a mailbox of its own once "+tags" are folded (docs/decisions/011). */
  email: () => z.string({ required_error: "form.required" }).trim().min(1).max(254).email().refine(hasMailbox, "form.invalidEmail"),
  /** Dutch postcode "1234 AB" or "1234AB"; normalised to "1234AB". */
  postcode: () =>
    z
      .string({ required_error: "form.required" })
      .trim()
      .min(1)
      .transform((v) => v.replace(/\s+/g, "").toUpperCase())
      .refine((v) => /^[1-9]\d{3}[A-Z]{2}$/.test(v), "form.invalidPostcode"),
  checkbox: () => z.preprocess((v) => v === "on" || v === "true" || v === "1", z.boolean()),
  mustAccept: () => z.literal("on", { errorMap: () => ({ message: "form.mustAccept" }) }),
  intent: <T extends [string, ...string[]]>(values: T) => z.enum(values, { errorMap: () => ({ message: "form.unknownIntent" }) }),
  /**
   * The hidden `submission` field of a form that creates something (see newSubmissionKey): absent or
   * empty is undefined (an old page: no dedupe); anything but 16-64 of [A-Za-z0-9_-] is refused.
   */
  submissionKey: () =>
    z.preprocess(
      (v) => (v === "" ? undefined : v),
      z
        .string({ invalid_type_error: "form.submissionInvalid" })
        .regex(SUBMISSION_KEY, "form.submissionInvalid")
        .optional(),
    ),
};

/**
 * A fresh random key for a form that creates something, made by the loader and rendered into the
 * page as the hidden field `submission` (<SubmissionKey>). Both clicks of a double click, and any
 * repeat of the same post, carry the same key; the service stores it on the row it creates (unique
 * per author) and answers a repeat with that row instead of making a second one.
 */
export function newSubmissionKey(): string {
  return crypto.randomBytes(16).toString("base64url");
}

/**
 * Reads the `submission` field of a form: null when there is none (an old page or client: created
 * without dedupe), or a failure with a translated message for the whole form when it is malformed.
 */
export function parseSubmissionKey(form: FormData | URLSearchParams, t: Translate): { ok: true; key: string | null } | FormFailure {
  const parsed = parseForm(form, z.object({ submission: fields.submissionKey() }), t);
  if (!parsed.ok) return { ok: false, errors: { form: t("form.submissionInvalid") }, values: parsed.values };
  return { ok: true, key: parsed.data.submission ?? null };
}
