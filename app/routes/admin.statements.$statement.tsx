import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ButtonGroup, ErrorSummary, Heading, Link, Paragraph, TextArea } from "~/components/ui";
import { isStatement, type Statement } from "~/modules/statements/statements.rules";
import { StatementForm } from "~/modules/statements/statements.schema";
import { saveStatement, statementForEditing } from "~/modules/statements/statements.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin"] };

function statementOr404(value: string | undefined): Statement {
  if (!isStatement(value)) throw new Response("Not Found", { status: 404 });
  return value;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "settings:edit");
  const statement = statementOr404(params.statement);
  return { statement, texts: statementForEditing(statement) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "settings:edit");
  const statement = statementOr404(params.statement);
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), StatementForm, t);
  if (!parsed.ok) return formFailure(parsed);
  saveStatement(user.id, statement, parsed.data);
  return redirectWithToast(`/admin/statements/${statement}`, {
    type: "success",
    message: parsed.data.intent === "reset" ? "admin.statements.reset.done" : "admin.statements.saved",
  });
}

export const meta = pageTitle<typeof loader>(({ data, t }) => (data ? t(`admin.statements.${data.statement}`) : null), "admin.statements.title");

export default function AdminStatement() {
  const { statement, texts } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  const errors = actionData?.errors;
  const values = actionData?.values;
  const labels = { nl: t("admin.statements.text.nl"), en: t("admin.statements.text.en") };
  return (
    <>
      <Heading level={1}>{t(`admin.statements.${statement}`)}</Heading>
      <Paragraph>{t("admin.statements.intro")}</Paragraph>
      <Paragraph>
        <Link to={statement === "privacy" ? "/privacy" : "/accessibility"}>{t("admin.statements.view")}</Link>
      </Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="inspraak-form" noValidate key={JSON.stringify(texts)}>
        {(["nl", "en"] as const).map((locale) => (
          <TextArea
            key={locale}
            name={locale}
            label={labels[locale]}
            description={texts[locale].isDefault ? t("admin.statements.isDefault") : t("admin.statements.isCustom")}
            rows={16}
            maxLength={30_000}
            defaultValue={values?.[locale] ?? texts[locale].text}
            error={errors?.[locale]}
          />
        ))}
        <ButtonGroup>
          <Button name="intent" value="save">
            {t("form.save")}
          </Button>
          <Button name="intent" value="reset" appearance="secondary">
            {t("admin.statements.reset")}
          </Button>
        </ButtonGroup>
      </Form>
      <Alert type="info">{t("admin.statements.markdown")}</Alert>
    </>
  );
}
