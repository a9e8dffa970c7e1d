import type { LoaderFunctionArgs } from "@remix-run/node";
import { Heading, Link, Paragraph } from "~/components/ui";
import { pageTitle } from "~/utils/meta";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin", "webhook.title"] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUserWithPermission(request, "admin:access");
  return null;
}

export const meta = pageTitle("admin.title");

export default function AdminHome() {
  const { t } = useT();
  const sections = [
    { to: "/admin/users", title: t("admin.users.title"), body: t("admin.users.intro") },
    { to: "/admin/settings", title: t("admin.settings.title"), body: t("admin.settings.intro") },
    { to: "/admin/statements/privacy", title: t("admin.statements.privacy"), body: t("admin.statements.intro") },
    { to: "/admin/statements/accessibility", title: t("admin.statements.accessibility"), body: t("admin.statements.intro") },
    { to: "/admin/outbox", title: t("admin.outbox.title"), body: t("admin.outbox.intro") },
    { to: "/admin/webhooks", title: t("webhook.title"), body: t("admin.webhooks.intro") },
  ];
  return (
    <>
      <Heading level={1}>{t("admin.title")}</Heading>
      <Paragraph lead>{t("admin.intro")}</Paragraph>
      <ul className="inspraak-cards">
        {sections.map((section) => (
          <li key={section.to} className="inspraak-card">
            <Heading level={2}>
              <Link to={section.to}>{section.title}</Link>
            </Heading>
            <Paragraph>{section.body}</Paragraph>
          </li>
        ))}
      </ul>
    </>
  );
}
