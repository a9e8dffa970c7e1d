import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Heading, Link, Paragraph } from "~/components/ui";
import { isMessageKey } from "~/i18n";
import { listNotifications, markAllRead } from "~/modules/notifications/notifications.server";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";

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
              // A notice about someone who deleted their account keeps an empty name.
              const params = n.data.name === "" ? { ...n.data, name: t("topic.deletedParticipant") } : n.data;
              const text = isMessageKey(n.type) ? t(n.type, params) : n.type;
              const link = typeof n.data.link === "string" ? n.data.link : null;
              return (
                <li key={n.id} className="utrecht-unordered-list__item">
                  {n.readAt ? null : <strong>• </strong>}
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
