import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, Button, Heading, Paragraph, RichText } from "~/components/ui";
import { PetitionStatusBadge } from "~/modules/petitions/components/status";
import { findPetitionForSponsor, hasSponsored, sponsorPetition } from "~/modules/petitions/petitions.lifecycle.server";
import { petitionResource } from "~/modules/petitions/petitions.server";
import { requireUser, requireUserWithPermission } from "~/utils/auth.server";
import { formFailure, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { redirectWithToast } from "~/utils/toast.server";
import { pageTitle } from "~/utils/meta";
import type { MessagesHandle } from "~/i18n/translate";
import { refusalMessage } from "~/utils/refusal";

export const handle: MessagesHandle = { i18n: ["petition"] };

/** The shareable co-sponsor link (?token=...): a wrong token is a 404, like a wrong id. */
async function loadSponsorable(request: Request, idParam: string | undefined, token: string) {
  const topicId = requireId(idParam);
  await requireUser(request);
  const petition = findPetitionForSponsor(topicId, token);
  if (!petition) throw new Response("Not Found", { status: 404 });
  const user = await requireUserWithPermission(request, "petition:sponsor", petitionResource(petition));
  return { petition, user };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const { petition: p, user } = await loadSponsorable(request, params.id, token);
  return {
    token,
    petition: { id: p.id, title: p.title, request: p.request, bodyHtml: p.bodyHtml, status: p.status, sponsorCount: p.sponsorCount, sponsorsRequired: p.sponsorsRequired },
    already: hasSponsored(user.id, p.id),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await readForm(request);
  const token = String(form.get("token") ?? "");
  const { petition, user } = await loadSponsorable(request, params.id, token);
  const { t } = await getTranslator(request);
  const result = sponsorPetition(user, petition.id, token);
  if (!result.ok) return formFailure({ errors: { form: t(refusalMessage(result)) }, values: {} }, 422);
  return redirectWithToast(`/petitions/${petition.id}/sponsor?token=${encodeURIComponent(token)}`, {
    type: "success",
    message: result.status === "submitted" ? "petition.sponsor.complete" : "petition.sponsor.thanks",
  });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? t("petition.sponsor.title", { title: loaded.petition.title }) : null), "topic.kind.petition");

export default function SponsorPetition() {
  const { token, petition: p, already } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useT();
  return (
    <article className="inspraak-stack">
      <Heading level={1}>{t("petition.sponsor.title", { title: p.title })}</Heading>
      <Paragraph>
        <PetitionStatusBadge status={p.status} /> {t("petition.preview.sponsorCount", { count: p.sponsorCount, required: p.sponsorsRequired })}
      </Paragraph>
      <Paragraph lead>{p.request}</Paragraph>
      {p.bodyHtml ? <RichText html={p.bodyHtml} /> : null}
      {actionData?.errors?.form ? <Alert type="error">{actionData.errors.form}</Alert> : null}
      {already ? (
        <Alert type="ok">{t("petition.sponsor.already")}</Alert>
      ) : p.status === "awaiting-sponsors" ? (
        <Form method="post">
          <input type="hidden" name="token" value={token} />
          <Paragraph>{t("petition.sponsor.explain")}</Paragraph>
          <Button>{t("petition.sponsor.submit")}</Button>
        </Form>
      ) : (
        <Paragraph>{t("petition.sponsor.closed")}</Paragraph>
      )}
    </article>
  );
}
