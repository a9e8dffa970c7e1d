import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, ButtonLink, Cell, Heading, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { DELIVERY_TONE } from "~/modules/webhooks/components/status";
import { DEMO_RECEIVER_PATH } from "~/modules/webhooks/webhooks.receiver.server";
import { REPLAY_WINDOW_SECONDS } from "~/modules/webhooks/webhooks.rules";
import { lastDelivery, listEndpoints } from "~/modules/webhooks/webhooks.server";
import { HEADERS } from "~/modules/webhooks/webhooks.signature.server";
import { getSetting } from "~/modules/settings/settings.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin", "webhook"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "webhook:manage");
  const endpoints = listEndpoints().map((e) => ({ ...e, last: lastDelivery(e.id) ?? null }));
  return {
    endpoints,
    allowedNetworks: getSetting("webhookAllowedNetworks"),
    demo: env().DEMO,
    receiverPath: DEMO_RECEIVER_PATH,
    headers: HEADERS,
    windowMinutes: REPLAY_WINDOW_SECONDS / 60,
  };
}

export const meta = pageTitle("webhook.pageTitle");

/** The recipe a receiver follows, in the same words as docs/decisions/030 and webhooks.signature.server.ts. */
const RECIPE_EXAMPLE = (headers: { timestamp: string; signature: string }, windowSeconds: number) => `// Node.js
const crypto = require("crypto");
function verify(secret, headers, rawBody, seenSignatures) {
  const timestamp = headers["${headers.timestamp.toLowerCase()}"];
  const signature = headers["${headers.signature.toLowerCase()}"];
  const expected = "v1=" + crypto.createHmac("sha256", secret).update(timestamp + "." + rawBody).digest("hex");
  if (!signature || signature.length !== expected.length) return false;
  if (!crypto.timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) return false;
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > ${windowSeconds}) return false; // too old or too new
  if (seenSignatures.has(signature)) return false; // a replay
  seenSignatures.add(signature); // remember for at least ${windowSeconds / 60} minutes
  return true;
}`;

export default function AdminWebhooks() {
  const { endpoints, allowedNetworks, demo, receiverPath, headers, windowMinutes } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <Heading level={1}>{t("webhook.title")}</Heading>
      <Paragraph lead>{t("webhook.intro")}</Paragraph>
      <Paragraph>
        <ButtonLink to="/admin/webhooks/new">{t("webhook.new.title")}</ButtonLink>
      </Paragraph>
      {endpoints.length === 0 ? (
        <Paragraph>{t("webhook.none")}</Paragraph>
      ) : (
        <Table caption={t("webhook.caption")} columns={[t("webhook.field.url"), t("webhook.field.eventTypes"), t("webhook.state"), t("webhook.lastDelivery")]}>
          {endpoints.map((e) => (
            <TableRow key={e.id}>
              <RowHeader>
                <Link to={`/admin/webhooks/${e.id}`}>{e.description || e.url}</Link>
                {e.description ? <div className="inspraak-accounts-error">{e.url}</div> : null}
              </RowHeader>
              <Cell>{e.eventTypes.includes("*") ? t("webhook.everyEventShort") : e.eventTypes.join(", ")}</Cell>
              <Cell>
                <StatusBadge tone={e.paused ? "warning" : "active"}>{t(e.paused ? "webhook.paused" : "webhook.active")}</StatusBadge>
              </Cell>
              <Cell>
                {e.last ? (
                  <>
                    <StatusBadge tone={DELIVERY_TONE[e.last.status]}>{t(`webhook.status.${e.last.status}`)}</StatusBadge> {date(e.last.createdAt, "datetime")}
                  </>
                ) : (
                  t("webhook.noDeliveries")
                )}
              </Cell>
            </TableRow>
          ))}
        </Table>
      )}

      <section aria-labelledby="networks-heading" className="inspraak-section">
        <Heading level={2} id="networks-heading">
          {t("webhook.networks.title")}
        </Heading>
        <Paragraph>{t("webhook.networks.intro")}</Paragraph>
        <Alert type={allowedNetworks ? "warning" : "info"}>
          {allowedNetworks ? t("webhook.networks.allowed", { networks: allowedNetworks }) : t("webhook.networks.none")}{" "}
          <Link to="/admin/settings">{t("webhook.networks.change")}</Link>
        </Alert>
        {demo ? <Alert type="info">{t("webhook.networks.demo", { path: receiverPath })}</Alert> : null}
      </section>

      <section aria-labelledby="recipe-heading" className="inspraak-section">
        <Heading level={2} id="recipe-heading">
          {t("webhook.recipe.title")}
        </Heading>
        <Paragraph>{t("webhook.recipe.intro")}</Paragraph>
        <ol className="utrecht-ordered-list">
          <li className="utrecht-ordered-list__item">{t("webhook.recipe.step1", { timestamp: headers.timestamp, signature: headers.signature })}</li>
          <li className="utrecht-ordered-list__item">{t("webhook.recipe.step2")}</li>
          <li className="utrecht-ordered-list__item">{t("webhook.recipe.step3", { minutes: windowMinutes })}</li>
          <li className="utrecht-ordered-list__item">{t("webhook.recipe.step4", { id: headers.id })}</li>
          <li className="utrecht-ordered-list__item">{t("webhook.recipe.step5")}</li>
        </ol>
        <Paragraph>{t("webhook.recipe.body")}</Paragraph>
        <Paragraph>{t("webhook.recipe.example")}</Paragraph>
        <pre className="inspraak-accounts-message">
          {RECIPE_EXAMPLE(headers, windowMinutes * 60)}
        </pre>
        <Paragraph>{t("webhook.recipe.retries")}</Paragraph>
        {demo ? (
          <Paragraph>
            <Link to={receiverPath}>{t("webhook.recipe.demoReceiver")}</Link>
          </Paragraph>
        ) : null}
      </section>
    </>
  );
}
