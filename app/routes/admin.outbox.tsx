import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Cell, DataList, Heading, KeysetPagination, Link, Paragraph, RowHeader, StatusBadge, Table, TableRow } from "~/components/ui";
import { findOutboxMessage, listOutbox, maskActionLinks, OUTBOX_KEY_TYPES } from "~/modules/accounts/admin.server";
import { readCursor } from "~/utils/keyset.server";
import { pageTitle } from "~/utils/meta";
import { requireUserWithPermission } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin"] };

const PAGE_SIZE = 50;

/** The outgoing mail: a list, or one message with ?id=N (how admins read mail without SMTP_URL). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "outbox:read");
  const url = new URL(request.url);
  const smtp = Boolean(env().SMTP_URL);
  if (url.searchParams.has("id")) {
    const message = findOutboxMessage(requireId(url.searchParams.get("id") ?? undefined));
    if (!message) throw new Response("Not Found", { status: 404 });
    // With SMTP the mail reached its recipient: its sign-in and confirmation links are theirs alone.
    // Without it (a demo), reading the outbox here is how the links are followed.
    return { smtp, message: smtp ? { ...message, text: maskActionLinks(message.text) } : message, list: null };
  }
  // Pages by key (?after= / ?before=, "Vorige"/"Volgende"): a deep page costs what the first does.
  const list = listOutbox({ cursor: readCursor(url.searchParams, OUTBOX_KEY_TYPES), pageSize: PAGE_SIZE });
  return { smtp, message: null, list };
}

export const meta = pageTitle("admin.outbox.title");

const TONE = { pending: "warning", sent: "success", failed: "danger" } as const;

export default function AdminOutbox() {
  const { smtp, message, list } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  if (message) {
    return (
      <>
        <Heading level={1}>{t("admin.outbox.message", { id: message.id })}</Heading>
        <Paragraph>
          <Link to="/admin/outbox">{t("admin.outbox.back")}</Link>
        </Paragraph>
        <DataList
          items={[
            { key: t("admin.outbox.to"), value: message.toAddress },
            { key: t("admin.outbox.subject"), value: message.subject },
            { key: t("admin.outbox.status"), value: <StatusBadge tone={TONE[message.status]}>{t(`admin.outbox.status.${message.status}`)}</StatusBadge> },
            { key: t("admin.outbox.attempts"), value: message.attempts },
            { key: t("admin.outbox.created"), value: date(message.createdAt, "datetime") },
            ...(message.lastError ? [{ key: t("admin.outbox.lastError"), value: <span className="inspraak-accounts-error">{message.lastError}</span> }] : []),
          ]}
        />
        <Heading level={2}>{t("admin.outbox.text")}</Heading>
        <pre className="inspraak-accounts-message">{message.text}</pre>
      </>
    );
  }
  return (
    <>
      <Heading level={1}>{t("admin.outbox.title")}</Heading>
      <Paragraph>{t("admin.outbox.intro")}</Paragraph>
      <Alert type={smtp ? "info" : "warning"}>{t(smtp ? "admin.outbox.smtpOn" : "admin.outbox.smtpOff")}</Alert>
      {!list || list.messages.length === 0 ? (
        <Paragraph>{t("admin.outbox.none")}</Paragraph>
      ) : (
        <Table
          caption={t("admin.outbox.caption")}
          columns={[
            t("admin.outbox.subject"),
            t("admin.outbox.to"),
            t("admin.outbox.status"),
            t("admin.outbox.attempts"),
            t("admin.outbox.lastError"),
            t("admin.outbox.created"),
          ]}
        >
          {list.messages.map((row) => (
            <TableRow key={row.id}>
              <RowHeader>
                <Link to={`/admin/outbox?id=${row.id}`}>{row.subject}</Link>
              </RowHeader>
              <Cell>{row.toAddress}</Cell>
              <Cell>
                <StatusBadge tone={TONE[row.status]}>{t(`admin.outbox.status.${row.status}`)}</StatusBadge>
              </Cell>
              <Cell>{row.attempts}</Cell>
              <Cell>
                <span className="inspraak-accounts-error">{row.lastError ?? ""}</span>
              </Cell>
              <Cell>{date(row.createdAt, "datetime")}</Cell>
            </TableRow>
          ))}
        </Table>
      )}
      {list ? <KeysetPagination prev={list.prev} next={list.next} /> : null}
    </>
  );
}
