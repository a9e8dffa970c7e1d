import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph } from "~/components/ui";
import { emailVerificationLinkState, resendVerification, verifyEmail, type UnusableLink } from "~/modules/accounts/accounts.server";
import { ACCOUNT_RATE_LIMITS } from "~/modules/accounts/accounts.limits";
import { pageTitle } from "~/utils/meta";
import { VerifyEmailIntent } from "~/modules/accounts/accounts.schema";
import { getUser, requireUser } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { clientIp, hitRateLimit } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["auth"] };

const STATUS: Record<UnusableLink, number> = { expired: 410, used: 410, unknown: 404 };
const NO_STORE = { "Cache-Control": "no-store" };

/**
 * The link from the confirmation email: /verify-email?token=... Opening it only shows a button:
 * mail filters and previewers follow every link in a mail and must confirm nothing.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token");
  const user = await getUser(request);
  const signedIn = Boolean(user);
  const canResend = Boolean(user && !user.emailVerified);
  // Without a link (e.g. after resending from this page) there is nothing to confirm, only to ask for.
  if (token === null) return data({ reason: null, token: null, signedIn, canResend }, { headers: NO_STORE });
  const state = emailVerificationLinkState(token);
  if (state === "confirmed") return confirmedAnswer(signedIn, true);
  if (state !== "valid") return data({ reason: state, token: null, signedIn, canResend }, { status: STATUS[state], headers: NO_STORE });
  return data({ reason: null, token, signedIn, canResend }, { headers: NO_STORE });
}

/** Two forms post here (intent): the button of a confirmation link, and "send the confirmation email again". */
export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const intent = parseForm(form, VerifyEmailIntent, t);
  if (!intent.ok) return formFailure({ errors: { form: t("form.unknownIntent") }, values: {} });
  if (intent.data.intent === "confirm") return confirm(request, form);
  return resend(request, form);
}

/** Confirms the address of the link; no session needed (the link may open on another device). */
async function confirm(request: Request, form: FormData) {
  const token = form.get("token");
  const result = verifyEmail(typeof token === "string" ? token : "");
  if (!result.ok) return data({ reason: result.reason }, { status: STATUS[result.reason], headers: NO_STORE });
  return confirmedAnswer(Boolean(await getUser(request)), result.already);
}

/** Where a confirmed address goes: home when signed in, else to sign in; a repeat is told it was already done. */
function confirmedAnswer(signedIn: boolean, already: boolean) {
  if (already) return redirectWithToast(signedIn ? "/" : "/sign-in", { type: "info", message: "auth.verify.already" });
  return signedIn
    ? redirectWithToast("/", { type: "success", message: "auth.verify.okSignedIn" })
    : redirectWithToast("/sign-in", { type: "success", message: "auth.verify.ok" });
}

/** Resends the confirmation email (from the notice on every page, or from this page). */
async function resend(request: Request, form: FormData) {
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const back = safeRedirect(form.get("redirectTo"), "/profile");
  if (user.emailVerified) return redirectWithToast(back, { type: "info", message: "auth.verify.already" });
  const withinIp = hitRateLimit(ACCOUNT_RATE_LIMITS.resendPerIp, clientIp(request));
  const withinAccount = hitRateLimit(ACCOUNT_RATE_LIMITS.resendPerAccount, user.id);
  if (!withinIp || !withinAccount) return formFailure({ errors: { form: t("form.rateLimited") }, values: {} }, 429);
  const result = resendVerification(user.id);
  if (!result.ok) return redirectWithToast(back, { type: "info", message: "auth.verify.already" });
  return redirectWithToast(back, { type: "success", message: "auth.verify.resent" });
}

export const headers: HeadersFunction = () => NO_STORE;

export const meta = pageTitle("auth.verify.title");

export default function VerifyEmail() {
  const loaderData = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const errors = actionData && "errors" in actionData ? actionData.errors : undefined;
  const reason = ((actionData && "reason" in actionData ? actionData.reason : null) ?? loaderData.reason) as UnusableLink | null;
  const token = reason ? null : loaderData.token;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.verify.title")}</Heading>
      <ErrorSummary errors={errors} />
      {reason ? <Alert type="warning">{t(`auth.link.${reason}`)}</Alert> : null}
      {token ? (
        <>
          <Paragraph>{t("auth.verify.intro")}</Paragraph>
          <Form method="post">
            <input type="hidden" name="intent" value="confirm" />
            <input type="hidden" name="token" value={token} />
            <Button>{t("auth.verify.submit")}</Button>
          </Form>
          <Paragraph>{t("auth.verify.notYou")}</Paragraph>
        </>
      ) : /* A signed-in, unconfirmed person has the resend button in the notice at the top of every page. */
      !loaderData.signedIn ? (
        <Paragraph>
          <Link to="/sign-in">{t("auth.verify.signInToResend")}</Link>
        </Paragraph>
      ) : !loaderData.canResend && !reason ? (
        <Paragraph>{t("auth.verify.already")}</Paragraph>
      ) : null}
    </div>
  );
}
