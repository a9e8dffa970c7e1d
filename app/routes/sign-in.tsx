import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Cell, ErrorSummary, Heading, Link, Paragraph, RowHeader, Table, TableRow, TextField } from "~/components/ui";
import { authenticate } from "~/modules/accounts/accounts.server";
import { SignInForm } from "~/modules/accounts/accounts.schema";
import { pageTitle } from "~/utils/meta";
import { demoAccounts } from "~/modules/accounts/demo.server";
import { createSessionCookie, requireAnonymous } from "~/utils/auth.server";
import { canonicalEmail } from "~/utils/email-address";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator, serializeLocaleCookie } from "~/utils/locale.server";
import { clientIp, forgiveRateLimitHit, hitRateLimit, RATE_LIMITS, resetRateLimit } from "~/utils/rate-limit.server";
import { safeRedirect } from "~/utils/redirect";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["account", "auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request);
  const redirectTo = safeRedirect(new URL(request.url).searchParams.get("redirectTo"), "");
  return { redirectTo, demo: demoAccounts() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), SignInForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const { email, password, redirectTo } = parsed.data;
  const values = { email, redirectTo: redirectTo ?? "" };
  const account = canonicalEmail(email);
  const withinIpLimit = hitRateLimit(RATE_LIMITS.signInPerIp, clientIp(request));
  const withinAccountLimit = hitRateLimit(RATE_LIMITS.signInPerAccount, account);
  if (!withinIpLimit || !withinAccountLimit) return formFailure({ errors: { form: t("form.rateLimited") }, values }, 429);
  const result = await authenticate(email, password);
  if (!result.ok) return formFailure({ errors: { form: t("auth.signIn.failed") }, values });
  // A successful sign-in does not count against the address: people behind one office address
  // (the griffie) do not lock each other out; failures still add up per address and per account.
  resetRateLimit(RATE_LIMITS.signInPerAccount, account);
  forgiveRateLimitHit(RATE_LIMITS.signInPerIp, clientIp(request));
  const headers = new Headers();
  headers.append("Set-Cookie", await createSessionCookie(result.userId));
  headers.append("Set-Cookie", serializeLocaleCookie(result.locale));
  return redirectWithToast(
    safeRedirect(redirectTo),
    { type: "success", message: "auth.signIn.welcome", params: { name: result.displayName } },
    { headers },
  );
}

export const meta = pageTitle("auth.signIn.title");

export default function SignIn() {
  const { redirectTo, demo } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const errors = actionData?.errors;
  const values = actionData?.values;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("auth.signIn.title")}</Heading>
      <Paragraph>{t("auth.signIn.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={{ email: t("auth.email"), password: t("auth.password") }} />
      <Form method="post" className="inspraak-form" noValidate>
        <input type="hidden" name="redirectTo" value={values?.redirectTo ?? redirectTo} />
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
        <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" error={errors?.password} />
        <Button>{t("auth.signIn.submit")}</Button>
      </Form>
      <Paragraph>
        <Link to="/forgot-password">{t("auth.signIn.forgot")}</Link>
      </Paragraph>
      <Paragraph>
        {t("auth.signIn.noAccount")} <Link to="/register">{t("auth.signIn.register")}</Link>
      </Paragraph>
      {demo ? (
        <section aria-labelledby="demo-accounts-heading" className="inspraak-section">
          <Heading level={2} id="demo-accounts-heading">
            {t("auth.demo.title")}
          </Heading>
          <Paragraph>{t("auth.demo.intro", { password: demo.password })}</Paragraph>
          <Table caption={t("auth.demo.caption")} columns={[t("auth.demo.name"), t("auth.demo.email"), t("auth.demo.roles")]}>
            {demo.accounts.map((account) => (
              <TableRow key={account.email}>
                <RowHeader>{account.name}</RowHeader>
                <Cell>
                  <code>{account.email}</code>
                </Cell>
                <Cell>{account.roles.map((role) => t(`account.role.${role}`)).join(", ")}</Cell>
              </TableRow>
            ))}
          </Table>
        </section>
      ) : null}
    </div>
  );
}
