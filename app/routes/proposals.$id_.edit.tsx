import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Alert, ErrorSummary, Heading, SubmitButton } from "~/components/ui";
import { ProposalFields } from "~/modules/proposals/components/ProposalFields";
import { ProposalForm } from "~/modules/proposals/proposals.schema";
import { editDraft, getDraft, neighbourhoodOptions, PROPOSAL_REFUSAL_MESSAGES } from "~/modules/proposals/proposals.server";
import { requireUser } from "~/utils/auth.server";
import { formFailure, parseForm, readForm, requireId } from "~/utils/forms.server";
import { useT } from "~/utils/i18n";
import { getTranslator } from "~/utils/locale.server";
import { pageTitle } from "~/utils/meta";
import { refusalErrors } from "~/utils/refusal";
import { redirectWithToast } from "~/utils/toast.server";
import type { MessagesHandle } from "~/i18n/translate";

export const handle: MessagesHandle = { i18n: ["proposal"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUser(request);
  const draft = getDraft(id, user);
  // Someone else's proposal, or one past drafting: the same answer as one that does not exist.
  if (!draft) throw new Response("Not Found", { status: 404 });
  return { draft, neighbourhoods: neighbourhoodOptions() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUser(request);
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, ProposalForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const result = editDraft(user, id, parsed.data);
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("Not Found", { status: 404 });
    return formFailure({ errors: refusalErrors(t, result, PROPOSAL_REFUSAL_MESSAGES), values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, 422);
  }
  return redirectWithToast(`/proposals/${id}`, { type: "success", message: "proposal.saved" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("proposal.edit.title")} · ${loaded.draft.title}` : null), "proposal.edit.title");

export default function EditProposal() {
  const { draft, neighbourhoods } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {
    title: draft.title,
    decision: draft.decision,
    reasons: draft.reasons,
    neighbourhoodId: draft.neighbourhoodId === null ? "" : String(draft.neighbourhoodId),
  }) as Record<string, string>;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("proposal.edit.title")}</Heading>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary
        errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined}
        labels={{ title: t("proposal.field.title"), decision: t("proposal.field.decision"), reasons: t("proposal.field.reasons"), neighbourhoodId: t("proposal.field.neighbourhood") }}
      />
      <Form method="post" className="inspraak-form" noValidate>
        <ProposalFields values={values} errors={errors} neighbourhoods={neighbourhoods} />
        <SubmitButton>{t("form.save")}</SubmitButton>
      </Form>
    </div>
  );
}
