import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, Link, Paragraph } from "~/components/ui";
import { resendVerification, verifyEmail, type UnusableLink } from "~/modules/accounts/accounts.server";
import { ACCOUNT_RATE_LIMITS } from "~/modules/accounts/accounts.limits";
import { pageTitle } from "~/modules/accounts/accounts.meta";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { clientIp, hitRateLimit } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";

const STATUS: Record<UnusableLink, number> = { expired: 410, used: 410, unknown: 404 };

/** The link from the confirmation email: /verify-email?token=... */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const user = await getUser(request);
  const canResend = Boolean(user && !user.emailVerified);
  // Without a link (e.g. after resending from this page) there is nothing to confirm, only to ask for.
  if (token === null) return data({ reason: null, signedIn: Boolean(user), canResend });
  const result = token.length > 0 && token.length <= 200 ? verifyEmail(token) : ({ ok: false, reason: "unknown" } as const);
  if (result.ok) {
    return user
      ? redirectWithToast("/", { type: "success", message: "auth.verify.okSignedIn" })
      : redirectWithToast("/sign-in", { type: "success", message: "auth.verify.ok" });
  }
  return data({ reason: result.reason, signedIn: Boolean(user), canResend }, { status: STATUS[result.reason] });
}

/** Resend the confirmation email (from the notice on every page, or from this page). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const back = safeRedirect((await readForm(request)).get("redirectTo"), "/profile");
  if (user.emailVerified) return redirectWithToast(back, { type: "info", message: "auth.verify.already" });
  const withinIp = hitRateLimit(ACCOUNT_RATE_LIMITS.resendPerIp, clientIp(request));
  const withinAccount = hitRateLimit(ACCOUNT_RATE_LIMITS.resendPerAccount, user.id);
  if (!withinIp || !withinAccount) return formFailure({ errors: { form: t("form.rateLimited") }, values: {} }, 429);
  const result = resendVerification(user.id);
  if (!result.ok) return redirectWithToast(back, { type: "info", message: "auth.verify.already" });
  return redirectWithToast(back, { type: "success", message: "auth.verify.resent" });
}

export const meta = pageTitle("auth.verify.title");

export default function VerifyEmail() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const reason = loaderData.reason as UnusableLink | null;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.verify.title")}</Heading>
      <ErrorSummary errors={actionData?.errors} />
      {reason ? <Alert type="warning">{t(`auth.link.${reason}`)}</Alert> : null}
      {/* A signed-in, unconfirmed person has the resend button in the notice at the top of every page. */}
      {!loaderData.signedIn ? (
        <Paragraph>
          <Link to="/sign-in">{t("auth.verify.signInToResend")}</Link>
        </Paragraph>
      ) : !loaderData.canResend && !reason ? (
        <Paragraph>{t("auth.verify.already")}</Paragraph>
      ) : null}
    </div>
  );
}
