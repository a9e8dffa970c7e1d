import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, TextField } from "~/components/ui";
import { requestPasswordReset } from "~/modules/accounts/accounts.server";
import { ForgotPasswordForm } from "~/modules/accounts/accounts.schema";
import { pageTitle } from "~/utils/meta";
import { canonicalEmail } from "~/utils/email-address";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { clientIp, hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  return { sent: new URL(request.url).searchParams.get("sent") === "1" };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), ForgotPasswordForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const withinIp = hitRateLimit(RATE_LIMITS.resetPerIp, clientIp(request));
  const withinAccount = hitRateLimit(RATE_LIMITS.resetPerAccount, canonicalEmail(parsed.data.email));
  if (!withinIp || !withinAccount) return formFailure({ errors: { form: t("form.rateLimited") }, values: parsed.data }, 429);
  // The same answer whether or not the address has an account.
  requestPasswordReset(parsed.data.email);
  return redirect("/forgot-password?sent=1");
}

export const meta = pageTitle("auth.forgot.title");

export default function ForgotPassword() {
  const { sent } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  if (sent) {
    return (
      <div className="inspraak-stack">
        <Heading level={1}>{t("auth.forgot.sent.title")}</Heading>
        <Alert type="ok">{t("auth.forgot.sent.body")}</Alert>
        <Paragraph>
          <Link to="/sign-in">{t("auth.signIn.title")}</Link>
        </Paragraph>
      </div>
    );
  }
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.forgot.title")}</Heading>
      <Paragraph>{t("auth.forgot.intro")}</Paragraph>
      <ErrorSummary errors={actionData?.errors} labels={{ email: t("auth.email") }} />
      <Form method="post" className="inspraak-form" noValidate>
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          defaultValue={actionData?.values?.email ?? ""}
          error={actionData?.errors?.email}
        />
        <Button>{t("auth.forgot.submit")}</Button>
      </Form>
    </div>
  );
}
