import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, TextField } from "~/components/ui";
import { passwordResetLinkState, resetPassword } from "~/modules/accounts/accounts.server";
import { ResetPasswordForm } from "~/modules/accounts/accounts.schema";
import { pageTitle } from "~/utils/meta";
import { createSessionCookie } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["auth"] };

/** The link from the reset email: /reset-password?token=... */
export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const state = token.length > 0 && token.length <= 200 ? passwordResetLinkState(token) : "unknown";
  if (state !== "valid") return data({ state, token: null }, { status: state === "unknown" ? 404 : 410 });
  return { state, token };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), ResetPasswordForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = await resetPassword(parsed.data.token, parsed.data.password);
  if (!result.ok) return formFailure({ errors: { form: t(`auth.link.${result.reason}`) }, values: {} }, 410);
  return redirectWithToast("/", { type: "success", message: "auth.reset.done" }, { headers: { "Set-Cookie": await createSessionCookie(result.userId) } });
}

export const meta = pageTitle("auth.reset.title");

export default function ResetPassword() {
  const { state, token } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const errors = actionData?.errors;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.reset.title")}</Heading>
      {state !== "valid" || !token ? (
        <>
          <Alert type="warning">{t(`auth.link.${state === "valid" ? "unknown" : state}`)}</Alert>
          <Paragraph>
            <Link to="/forgot-password">{t("auth.reset.requestNew")}</Link>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("auth.reset.intro")}</Paragraph>
          <ErrorSummary errors={errors} labels={{ password: t("auth.reset.password"), confirmPassword: t("auth.reset.confirm") }} />
          <Form method="post" className="inspraak-form" noValidate>
            <input type="hidden" name="token" value={token} />
            <TextField
              name="password"
              type="password"
              label={t("auth.reset.password")}
              description={t("auth.newPassword.description")}
              autoComplete="new-password"
              error={errors?.password}
            />
            <TextField name="confirmPassword" type="password" label={t("auth.reset.confirm")} autoComplete="new-password" error={errors?.confirmPassword} />
            <Button>{t("auth.reset.submit")}</Button>
          </Form>
          {errors?.form ? (
            <Paragraph>
              <Link to="/forgot-password">{t("auth.reset.requestNew")}</Link>
            </Paragraph>
          ) : null}
        </>
      )}
    </div>
  );
}
