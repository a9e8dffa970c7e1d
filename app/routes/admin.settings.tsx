import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ErrorSummary, Fieldset, Heading, Paragraph, SelectField, TextField } from "~/components/ui";
import { saveSettings } from "~/modules/accounts/admin.server";
import { settingFields, settingSections, settingsFormSchema, withRanges, type SettingField } from "~/modules/accounts/settings-form.server";
import { formatNumber } from "~/i18n/translate";
import { pageTitle } from "~/utils/meta";
import { getSettings } from "~/modules/settings/settings.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "settings:edit");
  return { sections: settingSections(getSettings()), envLocale: env().DEFAULT_LOCALE };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "settings:edit");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, settingsFormSchema(), t);
  if (!parsed.ok) {
    const fields = settingFields(getSettings());
    return formFailure({ ...parsed, errors: withRanges(parsed.errors, form, fields, t, (n) => formatNumber(t.locale, n)) });
  }
  saveSettings(user.id, parsed.data);
  return redirectWithToast("/admin/settings", { type: "success", message: "admin.settings.saved" });
}

export const meta = pageTitle("admin.settings.title");

export default function AdminSettings() {
  const { sections, envLocale } = useLoaderData<typeof loader>();
  const fields = sections.flatMap((section) => section.fields);
  const actionData = useActionData<typeof action>();
  const { t, number } = useT();
  const errors = actionData?.errors;
  const values = actionData?.values;
  // Keys added by other modules may not have a label yet: the key itself is shown then.
  const label = (key: string) => {
    const messageKey = `admin.setting.${key}`;
    return t.has(messageKey) ? t(messageKey) : key;
  };
  const unitOf = (key: string) => {
    const messageKey = `admin.setting.${key}.unit`;
    return t.has(messageKey) ? t(messageKey) : "";
  };
  const optionLabel = (key: string, option: string) => {
    const messageKey = key === "defaultLocale" ? `shell.language.${option}` : `admin.setting.${key}.${option}`;
    return t.has(messageKey) ? t(messageKey) : option;
  };
  return (
    <>
      <Heading level={1}>{t("admin.settings.title")}</Heading>
      <Paragraph>{t("admin.settings.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={Object.fromEntries(fields.map((f) => [f.key, label(f.key)]))} />
      <Form method="post" className="inspraak-form" noValidate key={JSON.stringify(fields.map((f) => f.value))}>
        {sections.map((section) =>
          section.heading ? (
            <Fieldset key={section.heading} legend={t(section.heading)}>
              {section.fields.map(renderField)}
            </Fieldset>
          ) : (
            section.fields.map(renderField)
          ),
        )}
        <Button>{t("form.save")}</Button>
      </Form>
    </>
  );

  function renderField(field: SettingField) {
    const echoed = values?.[field.key];
    const error = errors?.[field.key];
    switch (field.kind) {
      case "boolean":
        return (
          <SelectField
            key={field.key}
            name={field.key}
            label={label(field.key)}
            defaultValue={echoed ?? String(field.value)}
            options={[
              { value: "true", label: t("admin.settings.yes") },
              { value: "false", label: t("admin.settings.no") },
            ]}
            error={error}
          />
        );
      case "choice":
        return (
          <SelectField
            key={field.key}
            name={field.key}
            label={label(field.key)}
            defaultValue={echoed ?? field.value ?? ""}
            options={[
              ...(field.optional
                ? [{ value: "", label: field.key === "defaultLocale" ? t("admin.settings.useDefaultLocale", { locale: t(`shell.language.${envLocale}`) }) : "—" }]
                : []),
              ...field.options.map((option) => ({ value: option, label: optionLabel(field.key, option) })),
            ]}
            error={error}
          />
        );
      case "number":
        return (
          <TextField
            key={field.key}
            name={field.key}
            type="number"
            inputMode="numeric"
            min={field.min}
            max={field.max}
            label={label(field.key)}
            description={
              field.min !== undefined && field.max !== undefined
                ? t("admin.settings.range", { min: number(field.min), max: number(field.max), unit: unitOf(field.key) }).replace(/\s+\./, ".")
                : undefined
            }
            defaultValue={echoed ?? (field.value === null ? "" : String(field.value))}
            error={error}
          />
        );
      default:
        return (
          <TextField
            key={field.key}
            name={field.key}
            label={label(field.key)}
            description={field.min !== undefined && field.max !== undefined ? t("admin.settings.length", { min: field.min, max: field.max }) : undefined}
            maxLength={field.max}
            defaultValue={echoed ?? field.value ?? ""}
            error={error}
          />
        );
    }
  }
}
