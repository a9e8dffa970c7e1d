import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import accountsCss from "~/styles/accounts.css?url";
import { requireUserWithPermission } from "~/utils/auth.server";
import { useT } from "~/utils/i18n";
import { can } from "~/utils/permissions";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["admin", "webhook.title"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: accountsCss }];

export const meta = pageTitle("admin.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUserWithPermission(request, "admin:access");
  return { canSettings: can(user, "settings:edit"), canOutbox: can(user, "outbox:read"), canWebhooks: can(user, "webhook:manage") };
}

/** The administration section: its menu, then the page. */
export default function AdminLayout() {
  const { canSettings, canOutbox, canWebhooks } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <nav className="inspraak-accounts-admin-nav" aria-label={t("admin.nav")}>
        <ul>
          <li>
            <NavLink className="utrecht-link" to="/admin" end>
              {t("admin.home")}
            </NavLink>
          </li>
          <li>
            <NavLink className="utrecht-link" to="/admin/users">
              {t("admin.users.title")}
            </NavLink>
          </li>
          {canSettings ? (
            <li>
              <NavLink className="utrecht-link" to="/admin/settings">
                {t("admin.settings.title")}
              </NavLink>
            </li>
          ) : null}
          {canSettings ? (
            <li>
              <NavLink className="utrecht-link" to="/admin/statements/privacy">
                {t("admin.statements.privacy")}
              </NavLink>
            </li>
          ) : null}
          {canSettings ? (
            <li>
              <NavLink className="utrecht-link" to="/admin/statements/accessibility">
                {t("admin.statements.accessibility")}
              </NavLink>
            </li>
          ) : null}
          {canOutbox ? (
            <li>
              <NavLink className="utrecht-link" to="/admin/outbox">
                {t("admin.outbox.title")}
              </NavLink>
            </li>
          ) : null}
          {canWebhooks ? (
            <li>
              <NavLink className="utrecht-link" to="/admin/webhooks">
                {t("webhook.title")}
              </NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </div>
  );
}
