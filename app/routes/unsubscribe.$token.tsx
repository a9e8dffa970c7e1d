import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph } from "~/components/ui";
import { findUnsubscribeLink, unsubscribeByLink, type UnsubscribeLink } from "~/modules/notifications/unsubscribe.server";
import { useT } from "~/utils/i18n";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

// The one-click unsubscribe link in every email (and its List-Unsubscribe header). The link's
// sealed token is the permission: it names one address and what to stop, works signed out, and
// opening it changes nothing (mail filters open links); the button, or a mail program's
// RFC 8058 post (List-Unsubscribe=One-Click), stops the mail.

export const handle: MessagesHandle = { i18n: ["unsubscribe"] };

const NO_STORE = { "Cache-Control": "no-store" };

function answer(link: UnsubscribeLink, done: boolean) {
  if (!link.ok) return data({ ok: false as const, done: false, everyTopic: false, title: null }, { status: 404, headers: NO_STORE });
  return data({ ok: true as const, done, everyTopic: link.everyTopic, title: link.title }, { headers: NO_STORE });
}

export async function loader({ params }: LoaderFunctionArgs) {
  return answer(findUnsubscribeLink(params.token ?? ""), false);
}

export async function action({ params }: ActionFunctionArgs) {
  return answer(unsubscribeByLink(params.token ?? ""), true);
}

export const headers: HeadersFunction = () => NO_STORE;

export const meta = pageTitle("unsubscribe.title");

export default function Unsubscribe() {
  const loaded = useLoaderData<typeof loader>();
  const page = useActionData<typeof action>() ?? loaded;
  const { t } = useT();
  const what = page.everyTopic ? t("unsubscribe.whatAll") : page.title ? t("unsubscribe.whatTopic", { title: page.title }) : t("unsubscribe.whatThisTopic");
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("unsubscribe.title")}</Heading>
      {!page.ok ? (
        <Alert type="warning">{t("unsubscribe.invalid")}</Alert>
      ) : page.done ? (
        <Alert type="ok" role="status">
          {t("unsubscribe.done", { what })}
        </Alert>
      ) : (
        <>
          <Paragraph>{t("unsubscribe.intro", { what })}</Paragraph>
          <Form method="post">
            <Button>{t("unsubscribe.submit")}</Button>
          </Form>
        </>
      )}
      <Paragraph>
        <Link to="/">{t("unsubscribe.home")}</Link>
      </Paragraph>
    </div>
  );
}
