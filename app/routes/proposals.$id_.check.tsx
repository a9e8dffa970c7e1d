import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { INADMISSIBLE_REASONS } from "#db/schema/proposals.constants";
import { Alert, ErrorSummary, Heading, Paragraph, SelectField, SubmitButton, TextArea, TextField } from "~/components/ui";
import { RadioGroup } from "~/modules/participation/components/fields";
import { AdmissibilityForm } from "~/modules/proposals/proposals.schema";
import { decideAdmissibility, getProposalPage, PROPOSAL_REFUSAL_MESSAGES, relatedTopics } from "~/modules/proposals/proposals.server";
import { getSetting } from "~/modules/settings/settings.server";
import { topicPath } from "~/modules/topics/topics.paths";
import { requireUserWithPermission } from "~/utils/auth.server";
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
  const user = await requireUserWithPermission(request, "proposal:check-admissibility");
  const proposal = getProposalPage(id, user);
  if (!proposal) throw new Response("Not Found", { status: 404 });
  const related = relatedTopics(`${proposal.title} ${proposal.decision}`, { excludeId: id }).map((r) => ({ ...r, path: topicPath(r) }));
  return { proposal: { id: proposal.id, title: proposal.title, decision: proposal.decision, bodyHtml: proposal.bodyHtml, status: proposal.status }, related, waitingMonths: getSetting("proposalWaitingMonths") };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const id = requireId(params.id);
  const user = await requireUserWithPermission(request, "proposal:check-admissibility");
  const { t } = await getTranslator(request);
  const form = await readForm(request);
  const parsed = parseForm(form, AdmissibilityForm, t);
  if (!parsed.ok) return formFailure(parsed);
  const { decision, reason, note, earlierTopicId } = parsed.data;
  const result = decideAdmissibility(user, id, { decision: decision === "admissible" ? { admissible: true } : { admissible: false, reason: reason! }, note, earlierTopicId });
  if (!result.ok) {
    if (result.reason === "not-found") throw new Response("Not Found", { status: 404 });
    return formFailure({ errors: refusalErrors(t, result, PROPOSAL_REFUSAL_MESSAGES), values: Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])) }, 422);
  }
  return redirectWithToast(`/proposals/${id}`, { type: "success", message: decision === "admissible" ? "proposal.check.admitted" : "proposal.check.refused" });
}

export const meta = pageTitle<typeof loader>(({ data: loaded, t }) => (loaded ? `${t("proposal.check.title")} · ${loaded.proposal.title}` : null), "proposal.check.title");

export default function CheckProposal() {
  const { proposal, related, waitingMonths } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const { t } = useT();
  const errors = failure?.errors as Record<string, string> | undefined;
  const values = (failure?.values ?? {}) as Record<string, string>;
  return (
    <div className="inspraak-stack">
      <Heading level={1}>{t("proposal.check.title")}</Heading>
      <Heading level={2}>{proposal.title}</Heading>
      <Paragraph lead>{proposal.decision}</Paragraph>
      {proposal.status !== "submitted" ? <Alert type="info">{t("proposal.check.alreadyChecked")}</Alert> : null}
      <section aria-labelledby="related-heading" className="inspraak-section">
        <Heading level={2} id="related-heading">
          {t("proposal.related.heading")}
        </Heading>
        {related.length === 0 ? (
          <Paragraph>{t("proposal.related.none")}</Paragraph>
        ) : (
          <ul>
            {related.map((r) => (
              <li key={r.id}>
                <a href={r.path}>{r.title}</a> ({t("proposal.check.topicNumber", { id: r.id })})
              </li>
            ))}
          </ul>
        )}
      </section>
      {errors?.form ? <Alert type="error">{errors.form}</Alert> : null}
      <ErrorSummary
        errors={errors ? Object.fromEntries(Object.entries(errors).filter(([k]) => k !== "form")) : undefined}
        labels={{ decision: t("proposal.check.decision"), reason: t("proposal.check.reason"), note: t("proposal.check.note"), earlierTopicId: t("proposal.check.earlier") }}
      />
      <Form method="post" className="inspraak-form" noValidate>
        <RadioGroup
          idPrefix="field-decision"
          name="decision"
          legend={t("proposal.check.decision")}
          options={(["admissible", "inadmissible"] as const).map((d) => ({ value: d, label: t(`proposal.check.${d}`) }))}
          defaultValue={values.decision}
          error={errors?.decision}
        />
        <SelectField
          name="reason"
          label={t("proposal.check.reason")}
          description={t("proposal.check.reasonHint")}
          optional
          error={errors?.reason}
          defaultValue={values.reason ?? ""}
          options={[{ value: "", label: "—" }, ...INADMISSIBLE_REASONS.map((r) => ({ value: r, label: t(`proposal.inadmissible.${r}`) }))]}
        />
        <TextArea name="note" label={t("proposal.check.note")} description={t("proposal.check.noteHint")} optional error={errors?.note} defaultValue={values.note} rows={4} />
        <TextField
          name="earlierTopicId"
          label={t("proposal.check.earlier")}
          description={t("proposal.check.earlierHint", { months: waitingMonths })}
          optional
          inputMode="numeric"
          error={errors?.earlierTopicId}
          defaultValue={values.earlierTopicId}
        />
        <SubmitButton>{t("proposal.check.submit")}</SubmitButton>
      </Form>
    </div>
  );
}
