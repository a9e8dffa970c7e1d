import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph, StatusBadge } from "~/components/ui";
import { listNotifications, markAllRead } from "~/modules/notifications/notifications.server";
import { noticeText } from "~/modules/notifications/notice-format";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";

export const meta = pageTitle("notification.inbox.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "inbox:read");
  return { notifications: listNotifications(user.id) };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUserWithPermission(request, "inbox:read");
  markAllRead(user.id);
  return redirect("/inbox");
}

export default function Inbox() {
  const { notifications } = useLoaderData<typeof loader>();
  const { t, date, locale } = useT();
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
              const text = noticeText(locale, n.type, n.data);
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
