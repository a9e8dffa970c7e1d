import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Cell, Heading, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { latestReceipts } from "~/modules/webhooks/webhooks.receiver.server";
import { env } from "~/utils/env.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["webhook"] };

/** What the demo's own receiver got: public event data only, so anyone visiting the demo may read it. */
export async function loader(_args: LoaderFunctionArgs) {
  if (!env().DEMO) throw new Response("Not Found", { status: 404 });
  return { receipts: latestReceipts(20) };
}

export const meta = pageTitle("webhook.receiver.title");

const TONE = { accepted: "success", duplicate: "neutral", "bad-signature": "danger", stale: "danger", replayed: "danger", malformed: "danger" } as const;

export default function DemoReceiver() {
  const { receipts } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("webhook.receiver.title")}</Heading>
      <Paragraph lead>{t("webhook.receiver.intro")}</Paragraph>
      <Paragraph>{t("webhook.receiver.how")}</Paragraph>
      {receipts.length === 0 ? (
        <Paragraph>{t("webhook.receiver.none")}</Paragraph>
      ) : (
        <Table caption={t("webhook.receiver.caption")} columns={[t("webhook.receiver.received"), t("webhook.log.event"), t("webhook.receiver.delivery"), t("webhook.receiver.verdict")]}>
          {receipts.map((r) => (
            <TableRow key={r.id}>
              <RowHeader>{date(r.receivedAt, "datetime")}</RowHeader>
              <Cell>
                <code>{r.eventType ?? "?"}</code>
              </Cell>
              <Cell>{r.deliveryId ?? ""}</Cell>
              <Cell>
                <StatusBadge tone={TONE[r.verdict]}>{t(`webhook.verdict.${r.verdict}`)}</StatusBadge>
              </Cell>
            </TableRow>
          ))}
        </Table>
      )}
      <Paragraph>
        <Link to="/admin/webhooks">{t("webhook.receiver.admin")}</Link>
      </Paragraph>
    </div>
  );
}
