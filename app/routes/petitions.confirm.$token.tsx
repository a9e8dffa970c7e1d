import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Link, Paragraph } from "~/components/ui";
import type { MessageKey } from "~/i18n";
import { confirmSignature, findSignatureConfirmation } from "~/modules/petitions/petitions.signing.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["petition"] };

// The link in a guest's confirmation email. Opening it (GET) only shows what will be confirmed:
// mail filters and previewers follow every link in a mail, and must not sign for anyone. The
// button posts here, and that counts the signature, once, however often or concurrently it is pressed.

const NO_STORE = { "Cache-Control": "no-store" };

function unusable(reason: MessageKey, t: (key: MessageKey) => string) {
  const status = reason === "petition.error.invalidLink" ? 404 : 410;
  return data({ title: null, message: t(reason) }, { status, headers: NO_STORE });
}

function confirmed(topicId: number, already: boolean) {
  return redirectWithToast(
    `/petitions/${topicId}`,
    { type: "success", message: already ? "petition.confirm.already" : "petition.confirm.done" },
    { headers: NO_STORE },
  );
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const { locale, t } = await getTranslator(request);
  const found = findSignatureConfirmation(params.token ?? "", locale);
  if (!found.ok) return unusable(found.reason, t);
  // Nothing left to confirm: the same answer the button would give, and nothing written.
  if (found.already) return confirmed(found.topicId, true);
  return data({ title: found.title, message: null }, { headers: NO_STORE });
}

export async function action({ params, request }: ActionFunctionArgs) {
  const { t } = await getTranslator(request);
  const result = await confirmSignature(params.token ?? "");
  if (!result.ok) return unusable(result.reason, t);
  return confirmed(result.topicId, result.already);
}

export const headers: HeadersFunction = () => NO_STORE;

export const meta = pageTitle("petition.confirm.title");

export default function ConfirmSignature() {
  const page = useLoaderData<typeof loader>();
  const refused = useActionData<typeof action>();
  const { t } = useT();
  const message = refused?.message ?? page.message;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("petition.confirm.title")}</Heading>
      {message || page.title === null ? (
        <>
          <Alert type="warning">{message}</Alert>
          <Paragraph>
            <Link to="/petitions">{t("petition.backToList")}</Link>
          </Paragraph>
        </>
      ) : (
        <>
          <Paragraph>{t("petition.confirm.intro", { title: page.title })}</Paragraph>
          <Form method="post">
            <Button>{t("petition.confirm.submit")}</Button>
          </Form>
          <Paragraph>{t("petition.confirm.notYou")}</Paragraph>
        </>
      )}
    </div>
  );
}
