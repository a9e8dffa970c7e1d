import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { Alert, Button, CheckboxField, ErrorSummary, Heading, Link, Paragraph } from "~/components/ui";
import { readableBylawOr404 } from "~/modules/bylaws/bylaws.queries.server";
import { BYLAW_REFUSAL_MESSAGES, closeConsultation } from "~/modules/bylaws/bylaws.server";
import { getUser, requireUserWithPermission } from "~/utils/auth.server";
import { fields, formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["bylaw"] };

// Closing ends the consultation for everyone and tells every participant: confirmed with a checkbox (works without JavaScript).
const CloseSchema = z.object({ confirm: fields.mustAccept() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "bylaw:decide");
  const bylaw = readableBylawOr404(requireId(params.id), user);
  return { bylaw: { id: bylaw.id, title: bylaw.title, status: bylaw.status } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const bylaw = readableBylawOr404(requireId(params.id), await getUser(request));
  const user = await requireUserWithPermission(request, "bylaw:decide");
  const { t } = await getTranslator(request);
  const parsed = parseForm(await readForm(request), CloseSchema, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = closeConsultation(user, { topicId: bylaw.id });
  if (!result.ok) return data({ ok: false as const, errors: { form: t(BYLAW_REFUSAL_MESSAGES[result.reason], result.params) }, values: {} }, { status: 422 });
  return redirectWithToast(`/bylaws/${bylaw.id}/report`, { type: "success", message: "bylaw.close.done" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("bylaw.close.title")} · ${loaded.bylaw.title}` : null), "bylaw.close.title");

export default function CloseBylaw() {
  const { bylaw } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("bylaw.close.title")}</Heading>
      <Paragraph>{bylaw.title}</Paragraph>
      <Paragraph>{t("bylaw.close.intro")}</Paragraph>
      {bylaw.status !== "open" ? <Alert type="info">{t("bylaw.error.notOpen")}</Alert> : null}
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined} labels={{ confirm: t("bylaw.close.confirm") }} />
      {bylaw.status === "open" ? (
        <Form method="post" className="inspraak-form" noValidate>
          <CheckboxField name="confirm" label={t("bylaw.close.confirm")} error={errors?.confirm} aria-required />
          <Button>{t("bylaw.close.submit")}</Button>
        </Form>
      ) : null}
      <Paragraph>
        <Link to={`/bylaws/${bylaw.id}`}>{t("bylaw.article.back")}</Link>
      </Paragraph>
    </div>
  );
}
