import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Cell, CheckboxField, DataList, ErrorSummary, Heading, KeysetPagination, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { EndpointFields } from "~/modules/webhooks/components/EndpointFields";
import { DELIVERY_TONE } from "~/modules/webhooks/components/status";
import { DeleteForm, EndpointForm, EndpointIntent } from "~/modules/webhooks/webhooks.schema";
import {
  DELIVERY_KEY_TYPES,
  deleteEndpoint,
  endpointView,
  findEndpoint,
  listDeliveries,
  rotateEndpointSecret,
  sendTestEvent,
  setEndpointPaused,
  subscribableEventTypes,
  updateEndpoint,
} from "~/modules/webhooks/webhooks.server";
import { kindManifest } from "~/modules/topics/topics.kinds";
import { requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { readCursor } from "~/utils/keyset.server";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin", "webhook"] };

const PAGE_SIZE = 25;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "webhook:manage");
  const id = requireId(params.id);
  const row = findEndpoint(id);
  if (!row) throw new Response("Not Found", { status: 404 });
  const { t } = await getTranslator(request);
  const url = new URL(request.url);
  return {
    endpoint: endpointView(row),
    groups: subscribableEventTypes().map((g) => ({ label: g.kind ? t(kindManifest(g.kind).label) : null, types: g.types })),
    log: listDeliveries(id, { cursor: readCursor(url.searchParams, DELIVERY_KEY_TYPES), pageSize: PAGE_SIZE }),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "webhook:manage");
  const id = requireId(params.id);
  if (!findEndpoint(id)) throw new Response("Not Found", { status: 404 });
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const intent = parseForm(form, EndpointIntent, t);
  if (!intent.ok) return formFailure({ errors: { form: intent.errors.intent ?? t("form.invalid") }, values: {} });
  const here = `/admin/webhooks/${id}`;
  switch (intent.data.intent) {
    case "update": {
      const values = { url: String(form.get("url") ?? ""), description: String(form.get("description") ?? ""), eventTypes: form.getAll("eventTypes").map(String) };
      const parsed = parseForm(form, EndpointForm, t);
      if (!parsed.ok) return data({ ok: false as const, errors: parsed.errors, values, secret: null }, { status: 400 });
      const result = await updateEndpoint(user, id, { url: parsed.data.url, description: parsed.data.description ?? "", eventTypes: parsed.data.eventTypes });
      if (!result.ok) return data({ ok: false as const, errors: refusalErrors(t, result), values, secret: null }, { status: 422 });
      return redirectWithToast(here, { type: "success", message: "webhook.saved" });
    }
    case "pause":
    case "resume": {
      setEndpointPaused(user, id, intent.data.intent === "pause");
      return redirectWithToast(here, { type: "success", message: intent.data.intent === "pause" ? "webhook.pausedNow" : "webhook.resumedNow" });
    }
    case "test": {
      sendTestEvent(user, id);
      return redirectWithToast(here, { type: "success", message: "webhook.testQueued" });
    }
    case "rotate": {
      const result = rotateEndpointSecret(user, id);
      if (!result.ok) throw new Response("Not Found", { status: 404 });
      // Shown once, in the answer to this post.
      return data({ ok: true as const, errors: undefined, values: null, secret: result.secret }, { headers: { "Cache-Control": "no-store" } });
    }
    case "delete": {
      const confirmed = parseForm(form, DeleteForm, t);
      if (!confirmed.ok) return data({ ok: false as const, errors: { confirm: t("webhook.error.confirmDelete") }, values: null, secret: null }, { status: 400 });
      deleteEndpoint(user, id);
      return redirectWithToast("/admin/webhooks", { type: "success", message: "webhook.deleted" });
    }
  }
}

export const meta = pageTitle<typeof loader>(({ data, t }) => (data ? t("webhook.endpoint.pageTitle", { name: data.endpoint.description || data.endpoint.url }) : null), "webhook.endpoint.title");

export default function WebhookEndpoint() {
  const { endpoint, groups, log } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t, date } = useT();
  const errors = answer?.errors as Record<string, string> | undefined;
  const labels = { url: t("webhook.field.url"), description: t("webhook.field.description"), eventTypes: t("webhook.field.eventTypes"), confirm: t("webhook.delete.confirm") };
  const values = answer?.values ?? { url: endpoint.url, description: endpoint.description, eventTypes: endpoint.eventTypes };
  return (
    <div className="inspraak-stack">
      <Paragraph>
        <Link to="/admin/webhooks">{t("webhook.back")}</Link>
      </Paragraph>
      <Heading level={1}>{t("webhook.endpoint.heading", { name: endpoint.description || endpoint.url })}</Heading>
      {answer?.secret ? (
        <Alert type="ok" role="status">
          <p className="utrecht-paragraph">{t("webhook.rotated")}</p>
          <pre className="inspraak-accounts-message">
            <code data-testid="webhook-secret">{answer.secret}</code>
          </pre>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <DataList
        items={[
          { key: t("webhook.field.url"), value: <span className="inspraak-accounts-error">{endpoint.url}</span> },
          { key: t("webhook.state"), value: <StatusBadge tone={endpoint.paused ? "warning" : "active"}>{t(endpoint.paused ? "webhook.paused" : "webhook.active")}</StatusBadge> },
          { key: t("webhook.secret"), value: t("webhook.secretHint", { hint: endpoint.secretHint }) },
          { key: t("webhook.createdAt"), value: date(endpoint.createdAt, "datetime") },
        ]}
      />
      <div className="inspraak-accounts-inline">
        <Form method="post">
          <input type="hidden" name="intent" value="test" />
          <Button>{t("webhook.test")}</Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value={endpoint.paused ? "resume" : "pause"} />
          <Button appearance="secondary">{t(endpoint.paused ? "webhook.resume" : "webhook.pause")}</Button>
        </Form>
        <Form method="post">
          <input type="hidden" name="intent" value="rotate" />
          <Button appearance="secondary">{t("webhook.rotate")}</Button>
        </Form>
      </div>

      <section aria-labelledby="log-heading" className="inspraak-section">
        <Heading level={2} id="log-heading">
          {t("webhook.log.title")}
        </Heading>
        <Paragraph>{t("webhook.log.intro")}</Paragraph>
        {log.deliveries.length === 0 ? (
          <Paragraph>{t("webhook.noDeliveries")}</Paragraph>
        ) : (
          <Table
            caption={t("webhook.log.caption")}
            columns={[t("webhook.log.event"), t("webhook.log.status"), { label: t("webhook.log.attempts"), numeric: true }, t("webhook.log.answer"), t("webhook.log.created"), t("webhook.log.next")]}
          >
            {log.deliveries.map((d) => (
              <TableRow key={d.id}>
                <RowHeader>
                  <code>{d.eventType}</code>
                  {d.topicId ? ` (${t("webhook.log.topic", { id: d.topicId })})` : ""}
                </RowHeader>
                <Cell>
                  <StatusBadge tone={DELIVERY_TONE[d.status]}>{t(`webhook.status.${d.status}`)}</StatusBadge>
                </Cell>
                <Cell numeric>{d.attempts}</Cell>
                <Cell>
                  <span className="inspraak-accounts-error">{[d.lastStatus ? `HTTP ${d.lastStatus}` : null, d.status === "sent" ? null : d.lastError].filter(Boolean).join(" – ")}</span>
                </Cell>
                <Cell>{date(d.createdAt, "datetime")}</Cell>
                <Cell>{d.status === "pending" ? date(d.nextAttemptAt, "datetime") : d.deliveredAt ? t("webhook.log.deliveredAt", { date: date(d.deliveredAt, "datetime") }) : ""}</Cell>
              </TableRow>
            ))}
          </Table>
        )}
        <KeysetPagination prev={log.prev} next={log.next} />
      </section>

      <section aria-labelledby="edit-heading" className="inspraak-section">
        <Heading level={2} id="edit-heading">
          {t("webhook.edit.title")}
        </Heading>
        <Form method="post" className="inspraak-form" noValidate>
          <input type="hidden" name="intent" value="update" />
          <EndpointFields groups={groups} errors={errors} values={values} />
          <Button>{t("webhook.edit.submit")}</Button>
        </Form>
      </section>

      <section aria-labelledby="delete-heading" className="inspraak-section">
        <Heading level={2} id="delete-heading">
          {t("webhook.delete.title")}
        </Heading>
        <Paragraph>{t("webhook.delete.intro")}</Paragraph>
        <Form method="post" className="inspraak-form" noValidate>
          <input type="hidden" name="intent" value="delete" />
          <CheckboxField name="confirm" label={labels.confirm} error={errors?.confirm} />
          <Button appearance="secondary">{t("webhook.delete.submit")}</Button>
        </Form>
      </section>
    </div>
  );
}
