import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLocation,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import tokensCss from "@utrecht/design-tokens/dist/index.css?url";
import utrechtCss from "@utrecht/component-library-css/dist/index.css?url";
import appCss from "~/styles/app.css?url";
import type { Locale, MessageKey } from "~/i18n";
import type { MessagesHandle } from "~/i18n/translate";
import { pageMessages } from "~/i18n/pages.server";
import { Alert, ButtonLink, Heading, Paragraph } from "~/components/ui";
import { getUser } from "~/utils/auth.server";
import { env } from "~/utils/env.server";
import { getLocale } from "~/utils/locale.server";
import { getToast } from "~/utils/toast.server";
import { getSetting } from "~/modules/settings/settings.server";
import { countUnread } from "~/modules/notifications/notifications.server";
import { unreadLabel } from "~/modules/notifications/notifications.rules";
import { UnverifiedEmailNotice } from "~/modules/accounts/unverified-notice";
import { can } from "~/utils/permissions";
import { useNonce } from "~/utils/nonce";
import { isolate } from "~/utils/text";
import { ROOT_FALLBACK_GLOBAL, rootTranslator, useRootFallback, useT } from "~/utils/i18n";
import { documentTitle } from "~/utils/meta";
import { registeredKinds } from "~/modules/topics/topics.kinds";
// The composition root: registers every kind and its permission rules, in the server and in the browser.
import "~/kinds";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: tokensCss },
  { rel: "stylesheet", href: utrechtCss },
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.ico" },
];

/** The messages every page's shell uses; each route adds its own (app/i18n/pages.server.ts). */
export const handle: MessagesHandle = {
  i18n: ["app", "meta", "shell", "nav", "error", "form", "pagination", "topic", "auth.verify.notice", "auth.verify.resend"],
};

/**
 * The root sends the messages of the page it is on, so it loads again whenever the path changes
 * (Remix would otherwise keep the first page's messages for every client-side navigation).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.pathname !== nextUrl.pathname;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await getLocale(request);
  const { toast, setCookie } = await getToast(request);
  // A toast may come from any part of the app: its message (and messages among its params) travel with it.
  const toastKeys = toast ? [toast.message, ...Object.values(toast.params ?? {}).filter((v): v is string => typeof v === "string")] : [];
  return data(
    {
      locale,
      messages: pageMessages(locale, new URL(request.url).pathname, toastKeys),
      municipality: getSetting("municipalityName"),
      demo: env().DEMO,
      toast,
      user: user
        ? {
            id: user.id,
            displayName: user.displayName,
            roles: user.roles,
            emailVerified: user.emailVerified,
            blocked: user.blocked,
            unread: unreadLabel(countUnread(user.id)),
            canModerate: can(user, "moderation:act"),
            // Each kind's staff page (its manifest): the first the person may open.
            kindStaffLinks: registeredKinds().flatMap((kind) => kind.staffNav.find((link) => can(user, link.permission)) ?? []),
            canAudit: can(user, "audit:read"),
            canVerifyResidents: can(user, "resident:verify"),
            canBrief: can(user, "council:brief"),
            canAdmin: can(user, "admin:access"),
          }
        : null,
    },
    { headers: setCookie ? { "Set-Cookie": setCookie } : undefined },
  );
}

export type RootLoaderData = Awaited<ReturnType<typeof loader>>["data"];

/** The status an error page is about: 400, 403, 404, 429, or 500 for everything else. */
function errorStatus(error: unknown): 400 | 403 | 404 | 429 | 500 {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return [400, 403, 404, 429].includes(status) ? (status as 400 | 403 | 404 | 429) : 500;
}

/**
 * Only an error page shows the root's title (every page has its own `meta`, see app/utils/meta.ts;
 * a route that throws renders the root's error boundary and only the root's meta).
 */
export const meta: MetaFunction<typeof loader> = ({ data: root, error }) => {
  // Without the root's data (an action threw before any loader ran) the shell writes the title.
  if (!root) return [];
  const t = rootTranslator(root);
  const municipality = root?.municipality ?? "";
  if (error) return [{ title: documentTitle(t, municipality, t(`error.${errorStatus(error)}.title`)) }];
  return [{ title: municipality ? `${municipality} · Inspraak` : "Inspraak" }];
};

/**
 * A toast's words around user text (a name, a title) are one string: the text is isolated with
 * FSI/PDI (as <bdi> would), so its direction cannot reorder the sentence. Counts stay as they are.
 */
function isolatedParams(params: Record<string, string | number> | undefined) {
  if (!params) return params;
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, typeof value === "string" && !/^[\d.,\s]*$/.test(value) ? isolate(value) : value]));
}

/** The main menu promises only what exists: each registered kind's list, then search. */
const NAV: Array<{ to: string; label: MessageKey }> = [
  ...registeredKinds().map((kind) => ({ to: kind.path, label: kind.navLabel })),
  { to: "/meetings", label: "nav.meetings" },
  { to: "/search", label: "nav.search" },
];

function LanguageSwitch({ locale }: { locale: Locale }) {
  const { t } = useT();
  const location = useLocation();
  const back = location.pathname + location.search;
  return (
    <Form method="post" action="/language" className="inspraak-lang-switch" aria-label={t("shell.language.switch")}>
      <input type="hidden" name="redirectTo" value={back} />
      <button type="submit" name="locale" value="nl" lang="nl" aria-pressed={locale === "nl"}>
        Nederlands
      </button>
      <button type="submit" name="locale" value="en" lang="en" aria-pressed={locale === "en"}>
        English
      </button>
    </Form>
  );
}

function Shell({ children, root }: { children: ReactNode; root: RootLoaderData | undefined }) {
  const fallback = useRootFallback();
  const locale: Locale = root?.locale ?? fallback?.locale ?? "nl";
  const t = rootTranslator(root ?? fallback);
  const nonce = useNonce();
  const error = useRouteError();
  const municipality = root?.municipality ?? "Inspraak";
  return (
    <html lang={locale} className="utrecht-root">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {root ? null : <title>{`${t(`error.${errorStatus(error)}.title`)} · Inspraak`}</title>}
        <Links />
        {!root && fallback ? (
          <script
            nonce={nonce}
            // The shell's messages for the browser when the root loader did not run (app/utils/i18n.tsx).
            dangerouslySetInnerHTML={{ __html: `window.${ROOT_FALLBACK_GLOBAL}=${JSON.stringify(fallback).replace(/</g, "\\u003c")};` }}
          />
        ) : null}
      </head>
      <body className="utrecht-theme utrecht-document utrecht-body utrecht-page-body">
        <a className="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#main">
          {t("shell.skipLink")}
        </a>
        <div className="inspraak-shell">
          <header className="inspraak-header">
            {/* Inside the header landmark, so no content sits outside a landmark. */}
            {root?.demo ? <div className="inspraak-demo-banner">{t("shell.demoBanner")}</div> : null}
            <div className="inspraak-container inspraak-header__bar">
              <a href="/" className="inspraak-header__name">
                {municipality}
                <span className="inspraak-visually-hidden"> – {t("nav.home")}</span>
              </a>
              <div className="inspraak-header__tools">
                <LanguageSwitch locale={locale} />
                <nav aria-label={t("shell.userNav")}>
                  <ul className="inspraak-header__tools inspraak-header__links">
                    {root?.user ? (
                      <>
                        <li>
                          <NavLink className="utrecht-link" to="/inbox">
                            {root.user.unread ? t("shell.inbox.unread", { count: root.user.unread }) : t("shell.inbox")}
                          </NavLink>
                        </li>
                        <li>
                          <NavLink className="utrecht-link" to="/participation">
                            {t("shell.participation")}
                          </NavLink>
                        </li>
                        {root.user.canModerate ? (
                          <li>
                            <NavLink className="utrecht-link" to="/moderation">
                              {t("shell.moderation")}
                            </NavLink>
                          </li>
                        ) : null}
                        {root.user.kindStaffLinks.map((link) => (
                          <li key={link.to}>
                            <NavLink className="utrecht-link" to={link.to}>
                              {t(link.label)}
                            </NavLink>
                          </li>
                        ))}
                        {root.user.canBrief ? (
                          <li>
                            <NavLink className="utrecht-link" to="/council">
                              {t("shell.councilBriefing")}
                            </NavLink>
                          </li>
                        ) : null}
                        {root.user.canVerifyResidents ? (
                          <li>
                            <NavLink className="utrecht-link" to="/residents/desk">
                              {t("shell.residentDesk")}
                            </NavLink>
                          </li>
                        ) : null}
                        {root.user.canAudit && !root.user.canModerate ? (
                          <li>
                            <NavLink className="utrecht-link" to="/audit">
                              {t("shell.audit")}
                            </NavLink>
                          </li>
                        ) : null}
                        {root.user.canAdmin ? (
                          <li>
                            <NavLink className="utrecht-link" to="/admin">
                              {t("shell.admin")}
                            </NavLink>
                          </li>
                        ) : null}
                        <li>
                          <NavLink className="utrecht-link" to="/profile">
                            {t("shell.profile")} ({root.user.displayName})
                          </NavLink>
                        </li>
                        <li>
                          <Form method="post" action="/sign-out" className="inspraak-inline-form inspraak-lang-switch">
                            <button type="submit">{t("shell.signOut")}</button>
                          </Form>
                        </li>
                      </>
                    ) : (
                      <>
                        <li>
                          <NavLink className="utrecht-link" to="/sign-in">
                            {t("shell.signIn")}
                          </NavLink>
                        </li>
                        <li>
                          <NavLink className="utrecht-link" to="/register">
                            {t("shell.register")}
                          </NavLink>
                        </li>
                      </>
                    )}
                  </ul>
                </nav>
              </div>
            </div>
          </header>
          <nav className="inspraak-nav" aria-label={t("shell.mainNav")}>
            <ul className="inspraak-container inspraak-nav__list">
              {NAV.map((item) => (
                <li key={item.to}>
                  <NavLink className="utrecht-link" to={item.to}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" tabIndex={-1} className="inspraak-main">
            <div className="inspraak-container">
              {root?.user && !root.user.emailVerified ? <UnverifiedEmailNotice /> : null}
              {root?.toast ? (
                <Alert type={root.toast.type === "success" ? "ok" : root.toast.type === "error" ? "error" : "info"}>
                  {t(root.toast.message, isolatedParams(root.toast.params))}
                </Alert>
              ) : null}
              {children}
            </div>
          </main>
          <footer className="inspraak-footer">
            <nav className="inspraak-container" aria-label={t("shell.footer")}>
              <ul>
                <li>
                  <a className="utrecht-link" href="/privacy">
                    {t("shell.privacy")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href="/next-steps/overdue">
                    {t("shell.overdue")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href="/transparency">
                    {t("shell.transparency")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href="/accessibility">
                    {t("shell.accessibility")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href="/open-data">
                    {t("shell.openData")}
                  </a>
                </li>
                <li>
                  <a className="utrecht-link" href="/api">
                    {t("shell.api")}
                  </a>
                </li>
                <li>{municipality}</li>
              </ul>
            </nav>
          </footer>
        </div>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<typeof loader>("root");
  return <Shell root={root}>{children}</Shell>;
}

export default function App() {
  return <Outlet />;
}

/** 403, 404, 500 and the rest, inside the shell and in the page's language. */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useT();
  const known = errorStatus(error);
  return (
    <section className="inspraak-stack">
      <Heading level={1}>{t(`error.${known}.title`)}</Heading>
      <Paragraph>{t(`error.${known}.body`)}</Paragraph>
      <ButtonLink to="/" appearance="secondary">
        {t("error.backHome")}
      </ButtonLink>
    </section>
  );
}
