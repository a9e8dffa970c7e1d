import { z } from "zod";
import { stripBidiControls } from "~/utils/text";
import { hasMailbox } from "~/utils/email-address";
import { DISPLAY_NAME_MAX, EMAIL_MAX, EMAIL_PREFERENCE_VALUES, LOCALE_VALUES, PASSWORD_MAX, PASSWORD_MIN } from "./accounts.constants";

// Input schemas for the account forms. Issue messages that are message keys are translated by
// parseForm; the rest map to the shared form.* messages.

const required = { required_error: "form.required" };

/** A new password: no trimming (spaces are characters), 10 to 200 characters. */
export const newPassword = () => z.string(required).min(PASSWORD_MIN).max(PASSWORD_MAX);
/** A password typed to prove who you are: only bounded, so a long paste cannot cost a long hash. */
export const currentPassword = () => z.string(required).min(1).max(PASSWORD_MAX);

/** An address with a mailbox of its own once "+tags" are folded (docs/decisions/011). */
export const email = () => z.string(required).trim().min(1).max(EMAIL_MAX).email().refine(hasMailbox, "form.invalidEmail");

/**
 * A public name: one line (a tab or a line break is refused), inner whitespace folded, trimmed,
 * without bidirectional formatting characters.
 */
export const displayName = () =>
  z.preprocess(
    (v) => (typeof v === "string" ? stripBidiControls(v) : v),
    z
      .string(required)
      .trim()
      .min(1)
      .max(DISPLAY_NAME_MAX)
      .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), "form.invalid")
      .transform((v) => v.replace(/\s+/g, " ")),
  );

export const locale = () => z.enum(LOCALE_VALUES, { errorMap: () => ({ message: "form.invalid" }) });

export const RegisterForm = z.object({
  displayName: displayName(),
  email: email(),
  password: newPassword(),
  locale: locale(),
});

export const SignInForm = z.object({
  email: email(),
  password: currentPassword(),
  redirectTo: z.string().max(2000).optional(),
});

export const ForgotPasswordForm = z.object({ email: email() });

export const ResetPasswordForm = z
  .object({
    token: z.string(required).min(1).max(200),
    password: newPassword(),
    confirmPassword: z.string(required).min(1).max(PASSWORD_MAX),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "auth.reset.mismatch" });

/** The two forms that post to /verify-email: the button of a confirmation link, and "send it again". */
export const VerifyEmailIntent = z.object({
  intent: z.enum(["confirm", "resend"], { errorMap: () => ({ message: "form.unknownIntent" }) }),
});

export const ProfileIntent = z.object({
  intent: z.enum(["update", "delete"], { errorMap: () => ({ message: "form.unknownIntent" }) }),
});

export const ProfileForm = z.object({
  displayName: displayName(),
  locale: locale(),
  emailPreference: z.enum(EMAIL_PREFERENCE_VALUES, { errorMap: () => ({ message: "form.invalid" }) }),
});

export const DeleteAccountForm = z.object({
  confirm: z.literal("on", { errorMap: () => ({ message: "form.mustAccept" }) }),
  password: currentPassword(),
});

export type RegisterInput = z.output<typeof RegisterForm>;
export type ProfileInput = z.output<typeof ProfileForm>;
