import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, StatusBadge } from "~/components/ui";
import { listNotifications, markAllRead } from "~/modules/notifications/notifications.server";
import { noticeText } from "~/modules/notifications/notice-format";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["notification"] };

export const meta = pageTitle("notification.inbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "inbox:read");
  // A notice may come from any part of the app: its line is written here, with the whole catalogue,
  // so the page does not send every namespace to the browser.
  const { t } = await getTranslator(request);
  return { notifications: listNotifications(user.id).map((n) => ({ ...n, text: noticeText(t, n.type, n.data, { isolate: true }) })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "inbox:read");
  markAllRead(user.id);
  return redirect("/inbox");
}

export default function Inbox() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("notification.inbox.title")}</Heading>
      {notifications.length === 0 ? (
        <Paragraph>{t("notification.inbox.empty")}</Paragraph>
      ) : (
        <>
          <Form method="post">
            <Button appearance="secondary">{t("notification.markAllRead")}</Button>
          </Form>
          <ul className="utrecht-unordered-list">
            {notifications.map((n) => {
              // Numbers, dates and markdown formatted for the page's language, as in the emails (notice-format.ts).
              const text = n.text;
              const link = typeof n.data.link === "string" ? n.data.link : null;
              return (
                <li key={n.id} className="utrecht-unordered-list__item">
                  {n.readAt ? null : (
                    <>
                      <StatusBadge tone="active">{t("notification.unread")}</StatusBadge>{" "}
                    </>
                  )}
                  <time dateTime={new Date(n.createdAt).toISOString()}>{date(n.createdAt, "datetime")}</time>{" "}
                  {link ? <Link to={link}>{text}</Link> : text}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </div>
  );
}
