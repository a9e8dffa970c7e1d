import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, CheckboxField, DataList, ErrorSummary, Heading, Link, Paragraph, SelectField, StatusBadge, TextField } from "~/components/ui";
import { deleteAccount, getProfile, updateProfile } from "~/modules/accounts/accounts.server";
import { DeleteAccountForm, ProfileForm, ProfileIntent } from "~/modules/accounts/accounts.schema";
import { DISPLAY_NAME_MAX, EMAIL_PREFERENCE_VALUES } from "~/modules/accounts/accounts.constants";
import { pageTitle } from "~/utils/meta";
import { endSession, requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator, serializeLocaleCookie } from "~/utils/locale.server";
import { hitRateLimit, RATE_LIMITS } from "~/utils/rate-limit.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["account", "auth"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  const profile = getProfile(user.id);
  if (!profile) throw new Response("Not Found", { status: 404 });
  return { profile };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const intent = parseForm(form, ProfileIntent, t);
  if (!intent.ok) return formFailure({ errors: { form: t("form.unknownIntent") }, values: {} });

  if (intent.data.intent === "update") {
    const parsed = parseForm(form, ProfileForm, t);
    if (!parsed.ok) return formFailure(parsed);
    const result = updateProfile(user.id, parsed.data);
    if (!result.ok) throw new Response("Not Found", { status: 404 });
    return redirectWithToast(
      "/profile",
      { type: "success", message: "account.profile.saved" },
      { headers: { "Set-Cookie": serializeLocaleCookie(parsed.data.locale) } },
    );
  }

  const parsed = parseForm(form, DeleteAccountForm, t);
  if (!parsed.ok) return formFailure(parsed);
  // Typing the password here is a sign-in of sorts: the same limit against guessing.
  if (!hitRateLimit(RATE_LIMITS.signInPerAccount, `delete:${user.id}`)) {
    return formFailure({ errors: { form: t("form.rateLimited") }, values: { intent: "delete" } }, 429);
  }
  const result = await deleteAccount(user.id, parsed.data.password);
  if (!result.ok) {
    return formFailure({ errors: { password: t("account.delete.wrongPassword") }, values: { intent: "delete", confirm: "on" } });
  }
  const clear = await endSession(request);
  return redirectWithToast("/", { type: "success", message: "account.deleted" }, { headers: { "Set-Cookie": clear } });
}

export const meta = pageTitle("account.profile.title");

export default function Profile() {
  const { profile } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t, date } = useT();
  const failedIntent = actionData?.values?.intent;
  const updateErrors = failedIntent === "update" ? actionData?.errors : undefined;
  const deleteErrors = failedIntent === "delete" ? actionData?.errors : undefined;
  const otherErrors = actionData && !failedIntent ? actionData.errors : undefined;
  const values = failedIntent === "update" ? actionData?.values : undefined;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("account.profile.title")}</Heading>
      <ErrorSummary errors={otherErrors} />

      <section aria-labelledby="account-heading" className="inspraak-section">
        <Heading level={2} id="account-heading">
          {t("account.profile.account")}
        </Heading>
        <DataList
          items={[
            { key: t("auth.email"), value: profile.email },
            {
              key: t("account.profile.emailStatus"),
              value: profile.emailVerifiedAt ? (
                <StatusBadge tone="success">{t("account.profile.emailVerified")}</StatusBadge>
              ) : (
                <StatusBadge tone="warning">{t("account.profile.emailUnverified")}</StatusBadge>
              ),
            },
            {
              key: t("account.profile.resident"),
              value: profile.residentVerifiedAt ? (
                <StatusBadge tone="success">{t("account.profile.residentVerified", { date: date(profile.residentVerifiedAt) })}</StatusBadge>
              ) : (
                <Link to="/residents/verify">{t("account.profile.residentVerify")}</Link>
              ),
            },
            { key: t("account.profile.roles"), value: profile.roles.map((role) => t(`account.role.${role}`)).join(", ") },
            { key: t("account.profile.memberSince"), value: date(profile.createdAt) },
          ]}
        />
      </section>

      <section aria-labelledby="details-heading" className="inspraak-section">
        <Heading level={2} id="details-heading">
          {t("account.profile.details")}
        </Heading>
        <ErrorSummary
          errors={updateErrors}
          labels={{ displayName: t("auth.displayName"), locale: t("auth.language"), emailPreference: t("account.profile.emailPreference") }}
        />
        {/* Keyed on the saved values: after a save or a language switch elsewhere, the fields show the new ones. */}
        <Form method="post" className="inspraak-form" noValidate key={`${profile.displayName}|${profile.locale}|${profile.emailPreference}`}>
          <input type="hidden" name="intent" value="update" />
          <TextField
            name="displayName"
            label={t("auth.displayName")}
            description={t("auth.displayName.description")}
            autoComplete="name"
            maxLength={DISPLAY_NAME_MAX}
            defaultValue={values?.displayName ?? profile.displayName}
            error={updateErrors?.displayName}
          />
          <SelectField
            name="locale"
            label={t("auth.language")}
            defaultValue={values?.locale ?? profile.locale}
            options={[
              { value: "nl", label: t("shell.language.nl") },
              { value: "en", label: t("shell.language.en") },
            ]}
            error={updateErrors?.locale}
          />
          <SelectField
            name="emailPreference"
            label={t("account.profile.emailPreference")}
            description={t("account.profile.emailPreference.description")}
            defaultValue={values?.emailPreference ?? profile.emailPreference}
            options={EMAIL_PREFERENCE_VALUES.map((value) => ({ value, label: t(`account.profile.emailPreference.${value}`) }))}
            error={updateErrors?.emailPreference}
          />
          <Button>{t("form.save")}</Button>
        </Form>
        <Paragraph>
          <Link to="/profile/notifications">{t("account.profile.notificationsLink")}</Link>
        </Paragraph>
      </section>

      <section aria-labelledby="data-heading" className="inspraak-section">
        <Heading level={2} id="data-heading">
          {t("account.data.title")}
        </Heading>
        <Paragraph>{t("account.data.body")}</Paragraph>
        <p className="utrecht-paragraph">
          <a className="utrecht-button-link utrecht-button-link--secondary-action" href="/profile/data" download>
            {t("account.data.download")}
          </a>
        </p>
      </section>

      <section aria-labelledby="delete-heading" className="inspraak-section">
        <Heading level={2} id="delete-heading">
          {t("account.delete.title")}
        </Heading>
        <Paragraph>{t("account.delete.body")}</Paragraph>
        <ErrorSummary errors={deleteErrors} labels={{ confirm: t("account.delete.confirm"), password: t("account.delete.password") }} />
        <Form method="post" className="inspraak-form" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <CheckboxField name="confirm" label={t("account.delete.confirm")} error={deleteErrors?.confirm} />
          <TextField name="password" type="password" label={t("account.delete.password")} autoComplete="current-password" error={deleteErrors?.password} />
          <Button appearance="secondary">{t("account.delete.submit")}</Button>
        </Form>
      </section>
    </div>
  );
}
