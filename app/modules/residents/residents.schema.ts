// The resident verification forms, checked on the server. Dates of birth are checked against the
// municipality's calendar day by parseBirthDate (residents.rules.ts).
import { z } from "zod";
import { DESK_EVIDENCE, REVOCATION_REASONS } from "#db/schema/residents.constants";
import { fields } from "~/utils/forms.server";
import { localDay } from "~/utils/local-time";
import { LETTER_CODE_DAYS, MAX_LETTER_ADDRESSES, parseBirthDate } from "./residents.rules";

const birthDate = (now: () => Date) =>
  z
    .string({ required_error: "form.required" })
    .trim()
    .min(1, "form.required")
    .max(20, "resident.verify.invalidBirthDate")
    .transform((value, ctx) => {
      const parsed = parseBirthDate(value, localDay(now()));
      if (!parsed) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "resident.verify.invalidBirthDate" });
        return z.NEVER;
      }
      return parsed;
    });

export const RedeemForm = (now = () => new Date()) =>
  z.object({
    code: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(40, "resident.refusal.unknown-code"),
    birthDate: birthDate(now),
  });

export const DeskSearch = z.object({ email: z.string().trim().max(254).catch("") });

export const DeskForm = (now = () => new Date()) =>
  z.discriminatedUnion(
    "intent",
    [
      z.object({
        intent: z.literal("verify"),
        userId: z.string().min(1).max(100),
        postcode: fields.postcode(),
        birthDate: birthDate(now),
        evidence: z.enum(DESK_EVIDENCE, { errorMap: () => ({ message: "resident.desk.chooseEvidence" }) }),
      }),
      z.object({
        intent: z.literal("revoke"),
        userId: z.string().min(1).max(100),
        reason: z.enum(REVOCATION_REASONS, { errorMap: () => ({ message: "resident.desk.chooseReason" }) }),
      }),
    ],
    { errorMap: () => ({ message: "form.unknownIntent" }) },
  );

export const LetterCodesForm = z.object({
  addresses: z.string({ required_error: "form.required" }).trim().min(1, "form.required").max(MAX_LETTER_ADDRESSES * 310),
  validDays: z.coerce
    .number({ invalid_type_error: "resident.letters.validDaysInvalid" })
    .int("resident.letters.validDaysInvalid")
    .min(LETTER_CODE_DAYS.min, "resident.letters.validDaysInvalid")
    .max(LETTER_CODE_DAYS.max, "resident.letters.validDaysInvalid"),
});
