import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph } from "~/components/ui";
import type { MessageKey } from "~/i18n";
import {
  eraseGuestSignature,
  findGuestSignature,
  guestSignaturePath,
  stopGuestEmails,
  withdrawGuestSignature,
} from "~/modules/petitions/petitions.guest-signature.server";
import { readForm } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { redirectWithToast } from "~/utils/toast.server";

// A guest's private page for their signature, linked from their confirmation email (a guest has
// no account): withdraw it, stop emails about this petition, have their details erased. The
// link's token is the permission, as for the confirmation link; opening it changes nothing.

export const handle: MessagesHandle = { i18n: ["petition"] };

const NO_STORE = { "Cache-Control": "no-store" };

function unusable(reason: MessageKey, t: (key: MessageKey) => string) {
  return data({ view: null, message: t(reason) }, { status: reason === "petition.error.invalidLink" ? 404 : 422, headers: NO_STORE });
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale, t } = await getTranslator(request);
  const found = findGuestSignature(params.token ?? "", locale);
  if (!found.ok) return unusable(found.reason, t);
  return data({ view: found.view, message: null }, { headers: NO_STORE });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const token = params.token ?? "";
  const intent = (await readForm(request)).get("intent");
  if (intent === "withdraw") {
    const result = withdrawGuestSignature(token);
    if (!result.ok) return unusable(result.reason, t);
    return redirectWithToast(`/petitions/${result.topicId}`, { type: "success", message: "petition.sign.withdrawn" }, { headers: NO_STORE });
  }
  if (intent === "erase") {
    const result = eraseGuestSignature(token);
    if (!result.ok) return unusable(result.reason, t);
    return redirectWithToast(`/petitions/${result.topicId}`, { type: "success", message: "petition.guestSignature.erased" }, { headers: NO_STORE });
  }
  if (intent === "stop-emails") {
    const result = stopGuestEmails(token);
    if (!result.ok) return unusable(result.reason, t);
    return redirectWithToast(guestSignaturePath(token), { type: "success", message: "petition.guestSignature.emailsStopped" }, { headers: NO_STORE });
  }
  return data({ view: null, message: t("form.unknownIntent") }, { status: 400, headers: NO_STORE });
}

export const headers: HeadersFunction = () => NO_STORE;

export const meta = pageTitle("petition.guestSignature.title");

export default function GuestSignature() {
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useT();
  const message = refused?.message ?? page.message;
  const view = page.view;
  const erase = (
    <>
      <Heading level={2}>{t("petition.guestSignature.eraseHeading")}</Heading>
      <Form method="post">
        <input type="hidden" name="intent" value="erase" />
        <Paragraph>{t("petition.guestSignature.eraseText")}</Paragraph>
        <Button appearance="secondary">{t("petition.guestSignature.erase")}</Button>
      </Form>
    </>
  );
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("petition.guestSignature.title")}</Heading>
      {message || !view ? (
        <Alert type="warning">{message}</Alert>
      ) : view.pending ? (
        <>
          <Paragraph>{t("petition.guestSignature.pending", { title: view.title })}</Paragraph>
          {erase}
        </>
      ) : (
        <>
          <Paragraph>{t("petition.guestSignature.intro", { title: view.title })}</Paragraph>
          <Heading level={2}>{t("petition.guestSignature.withdrawHeading")}</Heading>
          {view.withdrawable ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <Paragraph>{t("petition.guestSignature.withdrawText")}</Paragraph>
              <Button appearance="secondary">{t("petition.guestSignature.withdraw")}</Button>
            </Form>
          ) : (
            <Paragraph>{t("petition.error.withdrawClosed")}</Paragraph>
          )}
          <Heading level={2}>{t("petition.guestSignature.emailsHeading")}</Heading>
          {view.emailsStopped ? (
            <Paragraph>{t("petition.guestSignature.emailsStopped")}</Paragraph>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="stop-emails" />
              <Paragraph>{t("petition.guestSignature.emailsText")}</Paragraph>
              <Button appearance="secondary">{t("petition.guestSignature.stopEmails")}</Button>
            </Form>
          )}
          {erase}
        </>
      )}
      <Paragraph>
        <Link to={view ? `/petitions/${view.topicId}` : "/petitions"}>{view ? t("petition.guestSignature.toPetition") : t("petition.backToList")}</Link>
      </Paragraph>
    </div>
  );
}
