import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Alert, Heading, Link, Paragraph } from "~/components/ui";
import { confirmSignature } from "~/modules/petitions/petitions.signing.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * The link in the confirmation email: following it makes the guest's signature count (once, however
 * often or however concurrently it is followed).
 */
export async function loader({ params, request }: LoaderFunctionArgs) {
  const { t } = await getTranslator(request);
  const result = confirmSignature(params.token ?? "");
  if (result.ok) {
    return redirectWithToast(`/petitions/${result.topicId}`, {
      type: "success",
      message: result.already ? "petition.confirm.already" : "petition.confirm.done",
    });
  }
  const status = result.reason === "petition.error.invalidLink" ? 404 : 410;
  return data({ message: t(result.reason) }, { status, headers: { "Cache-Control": "no-store" } });
}

export const meta: MetaFunction = () => [{ title: "Handtekening bevestigen · Confirm signature · Inspraak" }];

export default function ConfirmSignature() {
  const { message } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("petition.confirm.title")}</Heading>
      <Alert type="warning">{message}</Alert>
      <Paragraph>
        <Link to="/petitions">{t("petition.backToList")}</Link>
      </Paragraph>
    </div>
  );
}
