import type { Locale } from "~/i18n";
import type { EmailContent } from "~/utils/email.server";
import { env } from "~/utils/env.server";

// The account emails, in the recipient's language; each carries its action link (BASE_URL + path).
// They are about the person's own account: they go out even after an unsubscribe (requested), and
// point to the profile's email preferences (account).

interface Recipient {
  to: string;
  locale: Locale;
  name: string;
}

const link = (path: string) => `${env().BASE_URL}${path}`;

export function verificationEmail(person: Recipient, token: string): EmailContent {
  return {
    ...person,
    requested: true,
    account: true,
    subject: "auth.email.verify.subject",
    paragraphs: [["auth.email.verify.body"], ["auth.email.notYou"]],
    action: { label: "auth.email.verify.action", url: link(`/verify-email?token=${encodeURIComponent(token)}`) },
  };
}

export function alreadyRegisteredEmail(person: Recipient, userId: string, now: Date): EmailContent {
  return {
    ...person,
    requested: true,
    account: true,
    subject: "auth.email.exists.subject",
    paragraphs: [["auth.email.exists.body"], ["auth.email.exists.hint"]],
    action: { label: "auth.email.exists.action", url: link("/forgot-password") },
    // At most one such warning per account per hour, however often someone tries.
    dedupeKey: `register-exists:${userId}:${Math.floor(now.getTime() / 3_600_000)}`,
  };
}

export function passwordResetEmail(person: Recipient, token: string): EmailContent {
  return {
    ...person,
    requested: true,
    account: true,
    subject: "auth.email.reset.subject",
    paragraphs: [["auth.email.reset.body"], ["auth.email.notYou"]],
    action: { label: "auth.email.reset.action", url: link(`/reset-password?token=${encodeURIComponent(token)}`) },
  };
}

export function passwordChangedEmail(person: Recipient): EmailContent {
  return {
    ...person,
    requested: true,
    account: true,
    subject: "auth.email.passwordChanged.subject",
    paragraphs: [["auth.email.passwordChanged.body"], ["auth.email.passwordChanged.notYou"]],
    action: { label: "auth.signIn.title", url: link("/sign-in") },
  };
}
