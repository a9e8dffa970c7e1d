import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, ErrorSummary, Heading, Link, Paragraph, SubmissionKey, TextField } from "~/components/ui";
import { EndpointFields } from "~/modules/webhooks/components/EndpointFields";
import { LIMITS } from "~/modules/webhooks/webhooks.rules";
import { NewEndpointForm } from "~/modules/webhooks/webhooks.schema";
import { registerEndpoint, subscribableEventTypes } from "~/modules/webhooks/webhooks.server";
import { kindManifest } from "~/modules/topics/topics.kinds";
import { requireUserWithPermission } from "~/utils/auth.server";
import { newSubmissionKey, parseForm, readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin", "webhook"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "webhook:manage");
  const { t } = await getTranslator(request);
  return { submission: newSubmissionKey(), groups: subscribableEventTypes().map((g) => ({ label: g.kind ? t(kindManifest(g.kind).label) : null, types: g.types })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "webhook:manage");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, NewEndpointForm, t);
  // The secret is never sent back to refill the form.
  const values = { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), eventTypes: form.getAll("eventTypes").map(String) };
  if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values, created: null }, { status: 400 });
  const result = await registerEndpoint(user, { url: parsed.data.url, description: parsed.data.description ?? "", secret: parsed.data.secret, eventTypes: parsed.data.eventTypes, submissionKey: parsed.data.submission ?? null });
  if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values, created: null }, { status: 422 });
  // The one time the secret is shown: the answer to this post, never a page that can be loaded again.
  return data({ ok: true as const, errors: undefined, values, created: { id: result.endpointId, secret: result.generated ? result.secret : null } }, { headers: { "Cache-Control": "no-store" } });
}

export const meta = pageTitle("webhook.new.title");

export default function NewWebhook() {
  const { groups, submission } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useT();
  if (answer?.created) {
    return (
      <div className="inspraak-stack">
        <Heading level={1}>{t("webhook.created.title")}</Heading>
        <Alert type="ok" role="status">
          {t("webhook.created.body")}
        </Alert>
        {answer.created.secret ? (
          <>
            <Paragraph>{t("webhook.created.secret")}</Paragraph>
            <pre className="inspraak-accounts-message">
              <code data-testid="webhook-secret">{answer.created.secret}</code>
            </pre>
          </>
        ) : (
          <Paragraph>{t("webhook.created.ownSecret")}</Paragraph>
        )}
        <Paragraph>
          <Link to={`/admin/webhooks/${answer.created.id}`}>{t("webhook.created.open")}</Link>
        </Paragraph>
      </div>
    );
  }
  const errors = answer?.errors as Record<string, string> | undefined;
  const labels = { url: t("webhook.field.url"), description: t("webhook.field.description"), secret: t("webhook.field.secret"), eventTypes: t("webhook.field.eventTypes") };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/admin/webhooks">{t("webhook.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("webhook.new.title")}</Heading>
      <Paragraph>{t("webhook.new.intro")}</Paragraph>
      <ErrorSummary errors={errors} labels={labels} />
      <Form method="post" className="inspraak-form" noValidate>
        <SubmissionKey value={submission} />
        <EndpointFields groups={groups} errors={errors} values={answer?.values ?? { eventTypes: [] }} />
        <TextField name="secret" label={labels.secret} description={t("webhook.field.secretHint", { min: LIMITS.secretMin })} error={errors?.secret} maxLength={LIMITS.secretMax} optional autoComplete="off" />
        <Button>{t("webhook.new.submit")}</Button>
      </Form>
    </div>
  );
}
