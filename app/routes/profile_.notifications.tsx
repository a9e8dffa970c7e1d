import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { NOTICE_CATEGORIES } from "#db/schema/notifications.constants";
import { EMAIL_PREFERENCES } from "#db/schema/users.constants";
import { Button, ErrorSummary, Heading, Paragraph, SelectField } from "~/components/ui";
import { chooseNotificationChannels, notificationChoices } from "~/modules/notifications/notifications.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["preferences"] };

const channel = z.enum(EMAIL_PREFERENCES, { errorMap: () => ({ message: "preferences.invalid" }) });
const PreferencesForm = z.object(Object.fromEntries(NOTICE_CATEGORIES.map((category) => [category, channel])) as Record<(typeof NOTICE_CATEGORIES)[number], typeof channel>);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  return { choices: notificationChoices(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "profile:edit");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), PreferencesForm, t);
  if (!parsed.ok) return formFailure(parsed);
  chooseNotificationChannels(user.id, parsed.data);
  return redirectWithToast("/profile/notifications", { type: "success", message: "preferences.saved" });
}

export const meta = pageTitle("preferences.title");

export default function NotificationPreferences() {
  const { choices } = useLoaderData<typeof loader>();
  const failed = useActionData<typeof action>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("preferences.title")}</Heading>
      <Paragraph lead>{t("preferences.intro")}</Paragraph>
      <ErrorSummary errors={failed?.errors} />
      <Form method="post" className="inspraak-form" noValidate>
        {NOTICE_CATEGORIES.map((category) => (
          <SelectField
            key={category}
            name={category}
            label={t(`preferences.category.${category}`)}
            description={t(`preferences.category.${category}.description`)}
            error={failed?.errors?.[category]}
            defaultValue={failed?.values?.[category] ?? choices[category]}
            options={EMAIL_PREFERENCES.map((value) => ({ value, label: t(`preferences.channel.${value}`) }))}
          />
        ))}
        <Button>{t("preferences.submit")}</Button>
      </Form>
      <Paragraph>{t("preferences.unsubscribe")}</Paragraph>
    </div>
  );
}
