import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, SelectField, TextField } from "~/components/ui";
import { registerAccount } from "~/modules/accounts/accounts.server";
import { RegisterForm } from "~/modules/accounts/accounts.schema";
import { DISPLAY_NAME_MAX } from "~/modules/accounts/accounts.constants";
import { pageTitle } from "~/utils/meta";
import { requireAnonymous } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { clientIp, hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const { locale } = await getTranslator(request);
  return { sent: new URL(request.url).searchParams.get("sent") === "1", locale };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), RegisterForm, t);
  if (!parsed.ok) return formFailure(parsed);
  if (!hitRateLimit(RATE_LIMITS.registerPerIp, clientIp(request))) {
    const { password: _password, ...values } = parsed.data;
    return formFailure({ errors: { form: t("form.rateLimited") }, values }, 429);
  }
  // The same answer whether the address was new or already had an account.
  await registerAccount(parsed.data);
  return redirect("/register?sent=1");
}

export const meta = pageTitle("auth.register.title");

export default function Register() {
  const { sent, locale } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  if (sent) {
    return (
      <div className="inspraak-stack">
        <Heading level={1}>{t("auth.register.sent.title")}</Heading>
        <Alert type="ok">{t("auth.register.sent.body")}</Alert>
        <Paragraph>{t("auth.register.sent.noMail")}</Paragraph>
      </div>
    );
  }
  const errors = actionData?.errors;
  const values = actionData?.values;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.register.title")}</Heading>
      <Paragraph>{t("auth.register.intro")}</Paragraph>
      <ErrorSummary
        errors={errors}
        labels={{ displayName: t("auth.displayName"), email: t("auth.email"), password: t("auth.password"), locale: t("auth.language") }}
      />
      <Form method="post" className="inspraak-form" noValidate>
        <TextField
          name="displayName"
          label={t("auth.displayName")}
          description={t("auth.displayName.description")}
          autoComplete="name"
          maxLength={DISPLAY_NAME_MAX}
          defaultValue={values?.displayName ?? ""}
          error={errors?.displayName}
        />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          inputMode="email"
          spellCheck={false}
          defaultValue={values?.email ?? ""}
          error={errors?.email}
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          description={t("auth.newPassword.description")}
          autoComplete="new-password"
          error={errors?.password}
        />
        <SelectField
          name="locale"
          label={t("auth.language")}
          defaultValue={values?.locale ?? locale}
          autoComplete="language"
          options={[
            { value: "nl", label: t("shell.language.nl") },
            { value: "en", label: t("shell.language.en") },
          ]}
          error={errors?.locale}
        />
        <Button>{t("auth.register.submit")}</Button>
      </Form>
      <Paragraph>
        {t("auth.register.haveAccount")} <Link to="/sign-in">{t("auth.register.signIn")}</Link>
      </Paragraph>
    </div>
  );
}
